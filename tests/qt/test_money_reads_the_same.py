"""Money reads the same on the desk, on the command line and in the timeline.

ISO 4217 minor units: a yen amount has none (``JPY 129,900``), a Kuwaiti dinar three
(``KWD 129.900``). One formatter says them everywhere: :func:`app.vocabulary.format_money`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.services.case_file import get_case
from app.services.case_import import import_bundle
from app.vocabulary import format_money, say
from tests.qt.helpers import wait_for_queue
from tests.support.bundles import bundle_variant
from ui.case_file_view import CaseFileView
from ui.case_queue_model import COLUMN_KEYS, CaseQueueModel
from ui.qt import QLabel
from ui.timeline_view import timeline_rows

CASE_ID = "DSP-2026-004711"  # the wool coat: a claim, an order and an offer with amounts


def _in_currency(value: Any, currency: str) -> None:
    """Every amount of the document in ``currency`` (the same numbers, other units)."""
    if isinstance(value, dict):
        if set(value) == {"value", "currency"}:
            value["currency"] = currency
        for child in value.values():
            _in_currency(child, currency)
    elif isinstance(value, list):
        for child in value:
            _in_currency(child, currency)


@pytest.mark.parametrize(
    ("currency", "claim_words"), [("JPY", "JPY 129,900"), ("KWD", "KWD 129.900")]
)
def test_an_amount_reads_the_same_in_the_queue_the_case_file_the_timeline_and_the_cli(
    qtbot, desk, ops_for, tmp_path: Path, capsys, currency: str, claim_words: str
) -> None:  # type: ignore[no-untyped-def]
    bundle = bundle_variant(tmp_path, "case.zip", lambda doc, _files: _in_currency(doc, currency))
    with desk.unit_of_work() as uow:
        import_bundle(uow, bundle, "user:test")
        uow.commit()
    with desk.unit_of_work(read_only=True) as uow:
        detail = get_case(uow, CASE_ID)
    claim = format_money(detail.summary.claim_amount, currency)  # type: ignore[arg-type]
    assert claim == claim_words
    offer = detail.offers[0]
    assert offer.amount is not None
    offered = format_money(offer.amount.value, offer.amount.currency)

    # The desk: the queue's claim column, the case file, the timeline.
    model = CaseQueueModel(ops_for(desk))
    model.reload()
    wait_for_queue(qtbot, model)
    assert model.index(0, COLUMN_KEYS.index("amount")).data() == claim
    case_file = CaseFileView()
    case_file.show_case(detail)
    shown = {label.text() for label in case_file.findChildren(QLabel)}
    assert claim in shown
    assert format_money(detail.order.total_paid.value, currency) in shown
    offer_row = next(row for row in timeline_rows(detail) if row.kind == "offer")
    assert offered in offer_row.text

    # The core's own timeline (what the command line prints) and the command line.
    core_offer = next(entry for entry in detail.timeline if entry.kind == "offer")
    assert offered in say(core_offer.summary)
    capsys.readouterr()
    assert main(["--home", str(desk.paths.home), "cases", "show", CASE_ID]) == 0
    printed = capsys.readouterr().out
    assert claim in printed and offered in printed
    case_file.deleteLater()
