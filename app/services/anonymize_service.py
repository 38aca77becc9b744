"""What a public notice of a case could carry, anonymized: the mediator's preview.

Loads the case document as stored (the latest version received) and the mediator's own
written answers in the case's workflow (findings of fact, reasoning…), and runs the
pure anonymizer (:mod:`app.anonymize`) over all of it. Reads only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.anonymize import Anonymized, anonymize_case
from app.contract.case_document import CaseDocument, parse_case_document
from app.errors import NotFound
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words

# A choice answer is an option id (``buyer_favour``); what the mediator wrote is not.
_OPTION_ID = re.compile(r"[a-z0-9_.\-]{1,64}")


def case_document(uow: UnitOfWork, case_id: str) -> CaseDocument:
    """The latest stored version of the case document."""
    raw = snapshot_bytes(uow.session, case_id)
    if raw is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    return parse_case_document(raw)


def mediator_texts(uow: UnitOfWork, case_id: str) -> dict[str, str]:
    """What the mediator wrote in the case's workflow, by ``answers.<step>.<question>``."""
    record = uow.session.get(m.WorkflowRecord, case_id)
    if record is None:
        return {}
    texts: dict[str, str] = {}
    for step, answers in sorted((record.state or {}).get("answers", {}).items()):
        if not isinstance(answers, dict):
            continue
        for question, value in sorted(answers.items()):
            if isinstance(value, str) and value.strip() and not _OPTION_ID.fullmatch(value):
                texts[f"answers.{step}.{question}"] = value
    return texts


def preview_notice_texts(
    uow: UnitOfWork, case_id: str, *, trade_secrets: Sequence[str] = ()
) -> Anonymized:
    """Every text of the case a notice could carry, as it would be published."""
    document = case_document(uow, case_id)
    return anonymize_case(document, mediator_texts(uow, case_id), trade_secrets=trade_secrets)
