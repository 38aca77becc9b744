"""The history events the statistics count, in one place.

The platform's known events are :data:`app.contract.case_document.HISTORY_EVENTS`.
Appeals are issue 15's: the reference platform will send them as history events. Until
that work lands, these are the names the statistics count — the supervisor's-desk work
should send exactly these (or change them here, and only here):

- ``case.appealed`` — a party appealed a ruling or dismissal; the case is reopened for
  review (it leaves its finished status).
- ``decision.changed_on_appeal`` — the review of an appeal changed the outcome; the case
  is finished again with the new decision.
- ``decision.upheld_on_appeal`` — the review kept the decision; the case is finished
  again.
- ``case.reopened`` — a finished case reopened for any other reason.
"""

from __future__ import annotations

CASE_APPEALED = "case.appealed"
DECISION_CHANGED_ON_APPEAL = "decision.changed_on_appeal"
DECISION_UPHELD_ON_APPEAL = "decision.upheld_on_appeal"
CASE_REOPENED = "case.reopened"

# An event that takes a finished case back into work.
REOPENING_EVENTS: tuple[str, ...] = (CASE_APPEALED, CASE_REOPENED)
# An event that finishes a case (besides its decision, whose ``decided_at`` counts too).
FINISHING_EVENTS: tuple[str, ...] = (
    "case.settled",
    "case.closed",
    "case.withdrawn",
    DECISION_CHANGED_ON_APPEAL,
    DECISION_UPHELD_ON_APPEAL,
)
# An appeal, and an appeal that changed the outcome.
APPEAL_EVENTS: tuple[str, ...] = (CASE_APPEALED,)
OUTCOME_CHANGED_EVENTS: tuple[str, ...] = (DECISION_CHANGED_ON_APPEAL,)
# Every event the statistics read from the history table (an index covers them).
COUNTED_EVENTS: tuple[str, ...] = tuple(
    dict.fromkeys((*REOPENING_EVENTS, *FINISHING_EVENTS, *APPEAL_EVENTS, *OUTCOME_CHANGED_EVENTS))
)
