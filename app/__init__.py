"""Mediation Desk core: domain, persistence, sync, workflow and the command line.

Nothing under ``app`` imports Qt; the desktop UI lives in ``ui`` and calls in here.
"""

__version__ = "0.2.0"
