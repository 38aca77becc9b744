"""Similar decided cases in a real store: outcomes, amounts, the draft's place, flags."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.desk import Desk
from app.review.similar import DraftDecision, similar_cases
from app.services.case_import import import_bundle
from tests.support.bundles import write_zip
from tests.unit.workflow.cases import case_document


def _store_case(
    desk: Desk, tmp_path: Path, number: int, outcome: str | None, amount: int | None, **facts: str
) -> str:
    document = case_document(
        status="resolved" if outcome else "under_review", **facts
    ).to_json_dict()
    case_id = f"DSP-2026-5{number:05d}"
    document["case"]["id"] = case_id
    files = {}
    for item in document["evidence"]:
        data = f"{case_id} {item['id']}".encode()
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        files[item["id"]] = data
    if outcome is not None:
        decision = {
            "id": f"DEC-{number}",
            "kind": "ruling",
            "decided_at": f"2026-05-{number % 28 + 1:02d}T10:00:00+08:00",
            "outcome": outcome,
        }
        if amount is not None:
            decision["remedies"] = [
                {
                    "remedy": "partial_refund",
                    "amount": {"value": amount, "currency": "CNY"},
                    "payer": "P2",
                    "payee": "P1",
                }
            ]
        document["decision"] = decision
    bundle = write_zip(tmp_path / f"{case_id}.zip", document, files)
    with desk.unit_of_work() as uow:
        import_bundle(uow, bundle, "user:li.na")
    return case_id


def test_past_cases_of_the_same_category_and_reason_place_the_draft_and_flag_it(
    desk: Desk, tmp_path: Path
) -> None:
    for number, amount in enumerate((30000, 32000, 35000, 36000, 40000, 41000), start=1):
        _store_case(desk, tmp_path, number, "partial", amount)
    _store_case(desk, tmp_path, 7, "merchant_favour", None)
    _store_case(desk, tmp_path, 8, "buyer_favour", 999900, reason="defective")  # another reason
    case_id = _store_case(desk, tmp_path, 9, None, None)
    with desk.unit_of_work(read_only=True) as uow:
        usual = similar_cases(uow, case_id, DraftDecision("R1", "partial", 36000, "CNY"))
        high = similar_cases(uow, case_id, DraftDecision("R1", "partial", 120000, "CNY"))
        against = similar_cases(uow, case_id, DraftDecision("R1", "buyer_favour", 36000, "CNY"))
    assert len(usual.similar) == 7  # the other reason is left out, the undecided too
    assert dict(usual.outcomes) == {"partial": 6, "merchant_favour": 1}
    assert usual.percentile is not None and 40 < usual.percentile < 80
    assert not usual.flagged
    assert high.amount_flag == "above" and high.percentile == 100.0
    assert against.outcome_flag == "partial" and against.amount_flag is None
    data = high.to_json_dict()
    assert data["flagged"] is True and data["p95"] is not None


def test_too_few_similar_cases_flag_nothing(desk: Desk, tmp_path: Path) -> None:
    _store_case(desk, tmp_path, 1, "partial", 30000)
    case_id = _store_case(desk, tmp_path, 2, None, None)
    with desk.unit_of_work(read_only=True) as uow:
        found = similar_cases(uow, case_id, DraftDecision("R1", "buyer_favour", 999999, "CNY"))
    assert len(found.similar) == 1 and not found.flagged
