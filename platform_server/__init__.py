"""The reference platform: a real HTTP service that speaks the sync API (PLATFORM_API.md).

It holds realistic dispute cases in its own database, answers for the buyer and the
merchant, edits cases on its own, and injects faults on demand, so the desk can be
built, demonstrated and tested against something real. It imports only ``app.contract``
from the desk.
"""
