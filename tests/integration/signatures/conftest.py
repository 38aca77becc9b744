"""Fixtures of the signature tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document
from reports import render_record
from tests.integration.documents.stored_cases import (
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
)
from tests.integration.signatures.signing_setup import (
    CASE,
    PASSPHRASE,
    SigningHome,
    nss_database,
    run,
)
from tests.unit.documents.walks import START


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation, made once by ``pki init`` (key generation is the slow part)."""
    from reports.signing.pki import init_demo_pki

    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PASSPHRASE.encode())
    return folder


@pytest.fixture(scope="session")
def demo_nss(demo_pki: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return nss_database(tmp_path_factory.mktemp("nss"), demo_pki / "ca.pem")


@pytest.fixture()
def signing_home(tmp_path: Path, capsys, demo_pki: Path, demo_nss: Path) -> SigningHome:  # type: ignore[no-untyped-def]
    """A data folder with a drafted ruling R1, the demo CA trusted and two keys imported."""
    clock = FixedClock(FixedClock(START).now())
    home = tmp_path / "home"
    desk = Desk.open(home, clock=clock)
    try:
        import_case(desk, tmp_path, CASE)
        walk_to_ruling_draft(desk, clock, CASE)
        with desk.unit_of_work() as uow:
            draft_document(uow, CASE, render_record, actor_id=MEDIATOR)
    finally:
        desk.close()
    code, _, err = run(
        capsys, home, "keys", "trust", str(demo_pki / "ca.pem"), "--crl", str(demo_pki / "ca.crl")
    )
    assert code == 0, err
    for name in ("mediator1", "supervisor1"):
        code, _, err = run(
            capsys,
            home,
            "keys",
            "import",
            str(demo_pki / f"{name}.p12"),
            "--passphrase-stdin",
            stdin=PASSPHRASE + "\n",
        )
        assert code == 0, err
    return SigningHome(home, demo_pki, demo_nss)
