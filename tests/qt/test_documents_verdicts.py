"""The Documents tab shows every document's verification verdict — who signed it, intact
and trusted, not yet approved, or the first problem — computed off the GUI thread, and
records it, so the workflow's "Both signatures validate" follows."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.clock import FixedClock
from app.desk import Desk
from app.documents.verifications import signature_state
from app.vocabulary import current_language, set_language
from tests.integration.signatures.conftest import demo_nss, demo_pki, signing_home
from tests.integration.signatures.signing_setup import CASE, run
from tests.qt.conftest import drain
from tests.unit.documents.walks import START
from ui.documents_tab import DocumentsTab
from ui.operations import OpRunner
from ui.qt import QCoreApplication, QEvent

__all__ = ["demo_nss", "demo_pki", "signing_home"]  # the signature tests' fixtures

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shown(qtbot: Any, runner: Any, home: Path) -> tuple[Desk, DocumentsTab]:
    desk = Desk.open(home, clock=FixedClock(START))
    tab = DocumentsTab(OpRunner(desk, runner), lambda _uow: "user:li.na")
    qtbot.addWidget(tab)
    tab.resize(1280, 820)
    tab.show()
    with qtbot.waitSignal(tab.verdicts_shown, timeout=60_000):
        tab.show_case_id(CASE)
    return desk, tab


def _close(runner: Any, tab: DocumentsTab, desk: Desk) -> None:
    drain(runner)
    tab.close()
    desk.close()


def test_the_tab_shows_each_documents_verdict_and_records_it(
    qtbot: Any, runner: Any, signing_home: Any, capsys: Any
) -> None:
    home = signing_home.home
    desk, tab = _shown(qtbot, runner, home)
    assert tab.verdict_of("R1") == "Not signed yet"
    assert tab.verdict_label.text() == "R1 is not signed yet."
    _close(runner, tab, desk)

    code, _, err = run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")
    assert code == 0, err
    desk, tab = _shown(qtbot, runner, home)
    assert tab.verdict_of("R1") == "Not yet approved"
    assert "王敏（调解员）" in tab.verdict_label.text()  # the name says the role already
    assert "not yet approved (no countersignature)" in tab.verdict_label.text()
    _close(runner, tab, desk)

    code, _, err = run(capsys, home, "documents", "countersign", CASE, "R1", "--key", "supervisor1")
    assert code == 0, err
    desk, tab = _shown(qtbot, runner, home)
    assert tab.verdict_of("R1") == "Approved: intact and trusted"
    said = tab.verdict_label.text()
    assert "王敏（调解员）, 陈静（复核主管）" in said and "Intact and trusted" in said
    drain(runner)  # the verdict is recorded by a write op
    with desk.unit_of_work(read_only=True) as uow:
        assert signature_state(uow, CASE).signatures_valid

    before = current_language()
    try:
        set_language("zh-Hans")
        QCoreApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
        qtbot.waitUntil(lambda: "完整且可信" in tab.verdict_label.text(), timeout=10_000)
        assert tab.verdict_of("R1") == "已批准：完整且可信"
        assert "签署人：王敏（调解员）、陈静（复核主管）。" in tab.verdict_label.text()
        qtbot.waitUntil(lambda: tab.page_count() > 0, timeout=20_000)
        shot = SCREENSHOT / "documents-verdict.zh-Hans.png"
        if os.environ.get("MEDIATION_DESK_SCREENSHOTS") or not shot.exists():
            tab.grab().save(str(shot))
    finally:
        set_language(before)
    _close(runner, tab, desk)

    # Without the trust roots the same file is not trusted: the first problem, in words.
    for root in (home / "trust").glob("*.pem"):
        root.unlink()
    desk, tab = _shown(qtbot, runner, home)
    assert tab.verdict_of("R1").startswith("Problem: ")
    assert "not from a trusted organisation" in tab.verdict_label.text()
    drain(runner)
    with desk.unit_of_work(read_only=True) as uow:
        assert not signature_state(uow, CASE).signatures_valid  # the newer verdict counts
    _close(runner, tab, desk)


def test_documents_received_from_the_platform_show_their_verdicts_too(
    qtbot: Any, runner: Any, signing_home: Any, capsys: Any
) -> None:
    """Issue 13: the same verdict for every document the desk holds — the platform's
    countersigned copy, one not downloaded yet, and a copy changed after signing."""
    import datetime as dt
    import hashlib

    from app.documents.signing import signed_form
    from app.store import models as m

    home = signing_home.home
    for command, key in (("sign", "mediator1"), ("countersign", "supervisor1")):
        code, _, err = run(capsys, home, "documents", command, CASE, "R1", "--key", key)
        assert code == 0, err
    desk = Desk.open(home, clock=FixedClock(START))
    try:
        with desk.unit_of_work() as uow:
            data = signed_form(uow, CASE, "R1")
            assert data is not None
            changed = bytearray(data)
            changed[len(data) // 3] ^= 0x01  # one byte inside the signed range
            with uow.evidence.staging() as staging:
                uow.evidence.commit([staging.stage_bytes(bytes(changed))])
            at = dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.UTC)
            for document_id, payload, stored in (
                ("D1", data, True),
                ("D2", b"not downloaded", False),
                ("D3", bytes(changed), True),
            ):
                uow.session.add(
                    m.Document(
                        case_id=CASE,
                        document_id=document_id,
                        kind="ruling",
                        sha256=hashlib.sha256(payload).hexdigest(),
                        size=len(payload),
                        created_at=at,
                        created_by="user:wang.min",
                        status="approved",
                        reviews=[],
                        stored=stored,
                    )
                )
            uow.commit()
    finally:
        desk.close()

    desk, tab = _shown(qtbot, runner, home)
    received = tab.received
    qtbot.waitUntil(lambda: received.model.rowCount() == 3, timeout=60_000)
    assert received.isVisible()
    assert received.verdict_of("D1") == "Approved: intact and trusted"
    assert received.verdict_of("D2") == "Not downloaded yet: sync to check it"
    assert received.verdict_of("D3").startswith("Problem: ")
    received.view.setCurrentIndex(received.model.index(2, 0))
    assert "王敏（调解员）" in received.detail.text()
    shot = SCREENSHOT / "documents-received.en.png"
    if os.environ.get("MEDIATION_DESK_SCREENSHOTS") or not shot.exists():
        qtbot.waitUntil(lambda: tab.page_count() > 0, timeout=20_000)
        tab.grab().save(str(shot))
    _close(runner, tab, desk)
