"""The mediator's desk: Qt widgets, Qt models and background tasks over ``app``.

Only frozen data from ``app.services`` reaches the widgets; the store is read on worker
threads (:mod:`ui.tasks`), and Qt is imported from one place (:mod:`ui.qt`).
"""
