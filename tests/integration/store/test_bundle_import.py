"""Importing bundles: good ones land whole, bad ones are refused by name and leave nothing."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from app.contract.bundle import BundleError
from app.desk import Desk
from app.errors import ValidationError, describe_error
from app.services.case_import import export_case, import_bundle, import_bundles
from app.vocabulary import catalog
from tests.support.bundles import (
    LOST_PARCEL,
    WOOL_COAT,
    bundle_variant,
    declare,
    read_example,
    write_zip,
)
from tests.support.store_state import desk_state

ACTOR = "user:tester"


def _import(desk: Desk, path: Path):
    with desk.unit_of_work() as uow:
        return import_bundle(uow, path, ACTOR)


def test_both_examples_import_export_and_reimport_identically(
    any_desk: Desk, tmp_path: Path
) -> None:
    for bundle in (WOOL_COAT, LOST_PARCEL):
        result = _import(any_desk, bundle)
        assert result.outcome == "added"
    state_after_import = desk_state(any_desk)

    exported = []
    for case_id in ("DSP-2026-004711", "DSP-2026-009102"):
        out = tmp_path / f"{case_id}.zip"
        with any_desk.unit_of_work(read_only=True) as uow:
            export_case(uow, case_id, out)
        exported.append(out)
        with (
            zipfile.ZipFile(out) as ours,
            zipfile.ZipFile(WOOL_COAT if case_id.endswith("4711") else LOST_PARCEL) as original,
        ):
            assert sorted(ours.namelist()) == sorted(original.namelist())
            for name in original.namelist():
                assert ours.read(name) == original.read(name), name

    for out in exported:
        assert _import(any_desk, out).outcome == "unchanged"
    assert desk_state(any_desk) == state_after_import

    fresh = Desk.open(tmp_path / "fresh-home")
    try:
        for out in exported:
            assert _import(fresh, out).outcome == "added"
        with fresh.unit_of_work(read_only=True) as uow:
            again = tmp_path / "again.zip"
            export_case(uow, "DSP-2026-004711", again)
        assert again.read_bytes() == exported[0].read_bytes()
    finally:
        fresh.close()


def test_a_bundle_folder_imports_like_its_zip(desk: Desk, tmp_path: Path) -> None:
    folder = tmp_path / "DSP-2026-009102"
    with zipfile.ZipFile(LOST_PARCEL) as archive:
        archive.extractall(folder)
    result = _import(desk, folder)
    assert (result.outcome, result.case_id, result.files_added) == ("added", "DSP-2026-009102", 3)


def test_a_newer_version_updates_the_case_and_records_what_changed(
    desk: Desk, tmp_path: Path
) -> None:
    _import(desk, WOOL_COAT)

    def newer(document, files):
        document["case"]["version"] = 7
        document["case"]["status"] = "awaiting_merchant"
        document["messages"].append(
            {
                "id": "M4",
                "at": "2026-10-10T09:00:00+08:00",
                "from": "P2",
                "channel": "platform_chat",
                "text": "同意退货。",
            }
        )

    result = _import(desk, bundle_variant(tmp_path, "v7.zip", newer))
    assert result.outcome == "updated"
    assert result.changes["case.status"] == ["in_mediation", "awaiting_merchant"]
    assert result.changes["messages"] == {"added": ["M4"], "removed": [], "changed": []}
    from app import audit

    with desk.unit_of_work(read_only=True) as uow:
        events = audit.events_for_case(uow.session, "DSP-2026-004711")
        assert [event.action for event in events] == [
            "case.imported",
            "workflow.done_on_platform",  # it arrived in mediation: intake was the platform's
            "workflow.started",
            "case.updated",
        ]
        assert events[-1].changes["case.status"] == ["in_mediation", "awaiting_merchant"]
        from app.services.case_file import get_case

        detail = get_case(uow, "DSP-2026-004711")
        assert detail.summary.version == 7
        assert [message.message_id for message in detail.messages][-1] == "M4"


def test_an_older_version_is_refused_and_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    _import(desk, WOOL_COAT)
    before = desk_state(desk)
    older = bundle_variant(tmp_path, "v5.zip", lambda d, f: d["case"].update(version=5))
    with pytest.raises(ValidationError, match=r"version 5 is older than version 6"):
        _import(desk, older)
    assert desk_state(desk) == before


def test_the_same_version_with_different_content_is_refused(desk: Desk, tmp_path: Path) -> None:
    _import(desk, WOOL_COAT)
    before = desk_state(desk)
    forged = bundle_variant(
        tmp_path, "forged.zip", lambda d, f: d["case"].update(title="改过的标题")
    )
    with pytest.raises(ValidationError, match="content differs"):
        _import(desk, forged)
    assert desk_state(desk) == before


# --- bad bundles -------------------------------------------------------------------------


def _swap_bytes(document, files):
    files["E2"] = files["E2"][:-1] + bytes([files["E2"][-1] ^ 0xFF])


def _wrong_size(document, files):
    files["E4"] = files["E4"] + b" "


def _missing_file(document, files):
    del files["E3"]


def _undeclared_file(document, files):
    files["E9"] = b"surprise"


def _repeated_id(document, files):
    document["evidence"][2]["id"] = "E2"


def _schema_violation(document, files):
    document["case"]["category"] = "weather"


def _zip_with(*entries: tuple[str, bytes], base: Path = WOOL_COAT, symlink: str | None = None):
    def build(tmp: Path, name: str) -> Path:
        document, files = read_example(base)

        def extra(archive: zipfile.ZipFile) -> None:
            for entry, data in entries:
                archive.writestr(entry, data)
            if symlink:
                info = zipfile.ZipInfo(symlink)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, "/etc/passwd")

        return write_zip(tmp / name, document, files, extra)

    return build


def _not_a_zip(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.write_bytes(b"%PDF-1.4 this is not a bundle")
    return path


def _invalid_json(tmp: Path, name: str) -> Path:
    _, files = read_example()
    return write_zip(tmp / name, b'{"schema": "mediation-desk/case-document", ', files)


def _invalid_utf8(tmp: Path, name: str) -> Path:
    document, files = read_example()
    raw = json.dumps(document, ensure_ascii=False).encode().replace("羊毛".encode(), b"\xff\xfe", 1)
    return write_zip(tmp / name, raw, files)


def _zip_bomb(tmp: Path, name: str) -> Path:
    """E4 is declared 581 bytes; the entry inflates to 200 MB of zeros."""
    document, files = read_example()
    path = tmp / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("case.json", json.dumps(document, ensure_ascii=False))
        for evidence_id, data in files.items():
            if evidence_id != "E4":
                archive.writestr(f"evidence/{evidence_id}", data)
        with archive.open("evidence/E4", "w", force_zip64=True) as sink:
            block = b"\0" * (1024 * 1024)
            for _ in range(200):
                sink.write(block)
    return path


def _changed(change):
    return lambda tmp, name: bundle_variant(tmp, name, change)


BAD_BUNDLES = {
    "not a zip": (_not_a_zip, "bundle", "is not a zip file", "not_a_zip"),
    "invalid JSON": (_invalid_json, "case.json", "is not valid JSON", "document_invalid"),
    "invalid UTF-8": (_invalid_utf8, "case.json", "is not valid UTF-8", "document_invalid"),
    "schema violation": (
        _changed(_schema_violation),
        "case.json",
        "case.category",
        "document_invalid",
    ),
    "repeated id": (
        _changed(_repeated_id),
        "case.json",
        "evidence[2].id: 'E2' is used by an earlier entry",
        "document_invalid",
    ),
    "missing evidence file": (
        _changed(_missing_file),
        "evidence/E3",
        "is missing",
        "evidence_missing",
    ),
    "bytes do not match hash": (
        _changed(_swap_bytes),
        "evidence/E2",
        "do not match the SHA-256",
        "hash_mismatch",
    ),
    "size differs": (
        _changed(_wrong_size),
        "evidence/E4",
        "case.json declares 581 bytes",
        "size_differs",
    ),
    "undeclared file": (
        _changed(_undeclared_file),
        "evidence/E9",
        "not declared in case.json",
        "undeclared",
    ),
    "dot-dot path": (
        _zip_with(("evidence/../../evil", b"x")),
        "evidence/../../evil",
        "leaves its folder",
        "leaves_folder",
    ),
    "absolute path": (
        _zip_with(("/etc/cron.d/evil", b"x")),
        "/etc/cron.d/evil",
        "is an absolute path",
        "absolute_path",
    ),
    "windows path": (
        _zip_with(("evidence\\..\\evil", b"x")),
        "evidence\\..\\evil",
        "backslash",
        "backslash",
    ),
    "symlink entry": (_zip_with(symlink="evidence/E7"), "evidence/E7", "is a link", "link"),
    "unexpected entry": (
        _zip_with(("notes.txt", b"hello")),
        "notes.txt",
        "unexpected entry",
        "not_in_format",
    ),
    "duplicate entry": (
        _zip_with(("evidence/E1", b"again")),
        "evidence/E1",
        "appears twice",
        "duplicate",
    ),
    "zip bomb": (_zip_bomb, "evidence/E4", "case.json declares 581 bytes", "size_differs"),
}


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
@pytest.mark.parametrize("kind", list(BAD_BUNDLES))
def test_a_bad_bundle_is_refused_by_name_and_leaves_the_store_as_it_was(
    kind: str, desk: Desk, tmp_path: Path
) -> None:
    _import(desk, LOST_PARCEL)  # something already stored, which must stay exactly so
    make, where, problem, code = BAD_BUNDLES[kind]
    bundle = make(tmp_path, f"bad-{kind.replace(' ', '-')}.zip")
    before = desk_state(desk)
    with pytest.raises(ValidationError) as caught:
        _import(desk, bundle)
    message = str(caught.value)
    assert message.startswith(f"{bundle.name}: {where}: "), message
    assert problem in message
    assert "\n" not in message
    refusal = caught.value.message
    assert isinstance(refusal, BundleError) and refusal.code == code
    assert desk_state(desk) == before


# Said on a desk that speaks Chinese: the same refusal, in the mediator's language.
CHINESE_REFUSALS = {
    "not a zip": (
        "zh-Hans",
        "bad-not-a-zip.zip：案件包：不是 zip 文件（也不是案件包文件夹）",
    ),
    "repeated id": (
        "zh-Hans",
        "bad-repeated-id.zip：case.json：evidence[2].id：“E2”已被前面的条目使用",
    ),
    "schema violation": (
        "zh-Hant",
        "bad-schema-violation.zip：case.json：case.category：必須是以下之一：quality、logistics、"
        "after_sales、price_promotion、service、payment、fraud、other",
    ),
    "bytes do not match hash": (
        "zh-Hans",
        "bad-bytes-do-not-match-hash.zip：evidence/E2：内容与 case.json 声明的 SHA-256 哈希值不符",
    ),
    "dot-dot path": (
        "zh-Hans",
        "bad-dot-dot-path.zip：evidence/../../evil：指向所在文件夹之外（含有“..”或空的路径部分）",
    ),
    "size differs": (
        "zh-Hant",
        "bad-size-differs.zip：evidence/E4：大小為 582 位元組，但 case.json 宣告的是 581 位元組",
    ),
}


@pytest.mark.parametrize("kind", list(CHINESE_REFUSALS))
def test_a_bad_bundle_is_refused_in_the_desks_language(
    kind: str, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language, expected = CHINESE_REFUSALS[kind]
    monkeypatch.setattr(catalog, "_current", language)
    bundle = BAD_BUNDLES[kind][0](tmp_path, f"bad-{kind.replace(' ', '-')}.zip")
    with pytest.raises(ValidationError) as caught:
        _import(desk, bundle)
    assert str(caught.value) == expected
    assert describe_error(caught.value, language).detail == expected
    assert caught.value.text("en").startswith(f"{bundle.name}: ")


def test_an_entry_that_inflates_past_its_declared_size_is_not_read_to_the_end(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip header may lie about the size: reading stops one byte past the declaration."""
    bomb = _zip_bomb(tmp_path, "bomb.zip")
    read_sizes: list[int] = []
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = original(self, n)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    # Pretend the central directory agrees with case.json, so only the stream can tell.
    original_getinfo = zipfile.ZipFile.infolist

    def lying_infolist(self):
        infos = original_getinfo(self)
        for info in infos:
            if info.filename == "evidence/E4":
                info.file_size = 581
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying_infolist)
    with pytest.raises(ValidationError, match="evidence/E4"):
        _import(desk, bomb)
    assert sum(read_sizes) < 1024 * 1024


def test_links_inside_a_bundle_folder_are_refused(desk: Desk, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    with zipfile.ZipFile(LOST_PARCEL) as archive:
        archive.extractall(folder)
    (folder / "evidence" / "E1").unlink()
    os.symlink("/etc/passwd", folder / "evidence" / "E1")
    before = desk_state(desk)
    with pytest.raises(ValidationError, match=r"bundle: evidence/E1: is a link"):
        _import(desk, folder)
    assert desk_state(desk) == before


def test_a_batch_imports_the_good_bundles_and_reports_the_bad_one(
    desk: Desk, tmp_path: Path
) -> None:
    bad = bundle_variant(tmp_path, "bad.zip", _swap_bytes)
    results = import_bundles(desk.unit_of_work, [WOOL_COAT, bad, LOST_PARCEL], ACTOR).results
    assert [result.outcome for result in results] == ["added", "failed", "added"]
    assert results[1].error is not None
    assert results[1].error_text().startswith("bad.zip: evidence/E2:")


def test_hostile_text_is_stored_and_read_back_literally(desk: Desk, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)><script>steal()</script>\u202e\u0000\u0007 羊毛"

    def change(document, files):
        document["case"]["title"] = hostile[:100]
        document["messages"][0]["text"] = hostile

    _import(desk, bundle_variant(tmp_path, "hostile.zip", change))
    from app.services.case_file import get_case

    with desk.unit_of_work(read_only=True) as uow:
        detail = get_case(uow, "DSP-2026-004711")
    assert detail.summary.title == hostile[:100]
    assert detail.messages[0].text == hostile


def test_a_file_already_stored_for_another_case_is_kept_when_an_import_fails(
    desk: Desk, tmp_path: Path
) -> None:
    """Content-addressed files are shared; a failed import must not delete a shared one."""
    _import(desk, WOOL_COAT)
    document, files = read_example(WOOL_COAT)
    document["case"]["id"] = "DSP-2026-999999"
    files["E3"] = b"not the right bytes"  # E1 and E2 are the same bytes as the stored case's
    write_zip(tmp_path / "other.zip", document, files)
    with pytest.raises(ValidationError):
        _import(desk, tmp_path / "other.zip")
    from app.services.verification import verify_evidence

    with desk.unit_of_work(read_only=True) as uow:
        assert verify_evidence(uow).ok


def test_declared_but_reused_files_are_stored_once(desk: Desk, tmp_path: Path) -> None:
    document, files = read_example(WOOL_COAT)
    document["case"]["id"] = "DSP-2026-000001"
    declare(document, "E3", files["E2"])
    files["E3"] = files["E2"]
    _import(desk, write_zip(tmp_path / "dupe.zip", document, files))
    stored = [path for path in (desk.evidence.root / "objects").rglob("*") if path.is_file()]
    assert len(stored) == 5
