"""Every way a case bundle is refused: by code, named entry and words in the reader's language.

Each refusal is made from a real zip file or folder (hostile where it has to be: headers
patched the way a forged archive would have them) and read with :func:`read_bundle`.
"""

from __future__ import annotations

import errno
import os
import stat
import string
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from app.contract import bundle as bundle_module
from app.contract.bundle import (
    REFUSALS,
    WHOLE_BUNDLE,
    BundleError,
    BundleLimits,
    read_bundle,
)
from app.contract.content_store import Staging
from app.contract.language import LANGUAGES
from app.vocabulary import catalog
from app.vocabulary.catalog import catalogue
from tests.support.bundles import LOST_PARCEL, read_example, write_zip

Make = Callable[[Path], Path]


def _refusal(path: Path, tmp_path: Path, limits: BundleLimits | None = None) -> BundleError:
    staging = tmp_path / "staging"
    staging.mkdir(exist_ok=True)
    with pytest.raises(BundleError) as caught:
        read_bundle(path, Staging(staging), limits)
    return caught.value


# --- making bad bundles -------------------------------------------------------------------


def _example(tmp: Path, *extra: tuple[str | zipfile.ZipInfo, bytes], name: str = "bad.zip") -> Path:
    """The lost-parcel example as a zip, with ``extra`` entries after its own."""
    document, files = read_example(LOST_PARCEL)

    def add(archive: zipfile.ZipFile) -> None:
        for entry, data in extra:
            archive.writestr(entry, data)

    return write_zip(tmp / name, document, files, add)


def _changed(tmp: Path, change: Callable[[dict, dict[str, bytes]], None]) -> Path:
    document, files = read_example(LOST_PARCEL)
    change(document, files)
    return write_zip(tmp / "bad.zip", document, files)


def _folder(tmp: Path) -> Path:
    folder = tmp / "bundle"
    with zipfile.ZipFile(LOST_PARCEL) as archive:
        archive.extractall(folder)
    return folder


def _patched(path: Path, entry: str, offset: int, fmt: str, value: int) -> Path:
    """Rewrite one field of ``entry``'s record in the zip's central directory."""
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + length] == entry.encode():
            struct.pack_into(fmt, data, start + offset, value)
            path.write_bytes(bytes(data))
            return path
        start += 4
    raise AssertionError(f"{entry} is not in {path}")


_FLAGS, _METHOD, _CRC = 8, 10, 16  # offsets in a central directory record


def _not_a_zip(tmp: Path) -> Path:
    path = tmp / "bad.zip"
    path.write_bytes(b"%PDF-1.7 this is not a bundle")
    return path


def _damaged_zip(tmp: Path) -> Path:
    path = _example(tmp)
    data = bytearray(path.read_bytes())
    first = data.find(b"PK\x01\x02")
    data[first : first + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    return path


def _damaged_entry(tmp: Path) -> Path:
    """evidence/E1's bytes no longer match the CRC-32 its header records."""
    path = _example(tmp)
    with zipfile.ZipFile(path) as archive:
        crc = archive.getinfo("evidence/E1").CRC
    return _patched(path, "evidence/E1", _CRC, "<I", crc ^ 0xFFFF)


def _symlink_entry(tmp: Path) -> Path:
    link = zipfile.ZipInfo("evidence/E9")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _example(tmp, (link, b"/etc/passwd"))


def _folder_with(tmp: Path, add: Callable[[Path], None]) -> Path:
    folder = _folder(tmp)
    add(folder)
    return folder


def _missing_case_json(tmp: Path) -> Path:
    _, files = read_example(LOST_PARCEL)
    path = tmp / "bad.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for evidence_id, data in files.items():
            archive.writestr(f"evidence/{evidence_id}", data)
    return path


def _declared_smaller(document: dict, files: dict[str, bytes]) -> None:
    files["E3"] += b"  "


def _bytes_swapped(document: dict, files: dict[str, bytes]) -> None:
    files["E1"] = files["E1"][:-1] + bytes([files["E1"][-1] ^ 0xFF])


def _truncated(document: dict, files: dict[str, bytes]) -> None:
    files["E1"] = files["E1"][:-3]


# (make, limits, code, where, English, Simplified Chinese)
REFUSAL_CASES: dict[str, tuple[Make, BundleLimits | None, str, str, str, str]] = {
    "no such file": (
        lambda tmp: tmp / "nowhere.zip",
        None,
        "no_such_file",
        WHOLE_BUNDLE,
        "nowhere.zip: bundle: no such file or folder",
        "nowhere.zip：案件包：文件或文件夹不存在",
    ),
    "not a zip": (
        _not_a_zip,
        None,
        "not_a_zip",
        WHOLE_BUNDLE,
        "bad.zip: bundle: is not a zip file (nor a bundle folder)",
        "bad.zip：案件包：不是 zip 文件（也不是案件包文件夹）",
    ),
    "damaged zip": (
        _damaged_zip,
        None,
        "damaged_zip",
        WHOLE_BUNDLE,
        "bad.zip: bundle: the zip file is damaged (Bad magic number for central directory)",
        "bad.zip：案件包：zip 文件已损坏（Bad magic number for central directory）",
    ),
    "too many zip entries": (
        _example,
        BundleLimits(entries=2),
        "too_many_entries",
        WHOLE_BUNDLE,
        "bad.zip: bundle: has more than 2 entries",
        "bad.zip：案件包：条目超过 2 个",
    ),
    "too many folder entries": (
        _folder,
        BundleLimits(entries=2),
        "too_many_entries",
        WHOLE_BUNDLE,
        "bundle: bundle: has more than 2 entries",
        "bundle：案件包：条目超过 2 个",
    ),
    "too large in total": (
        _example,
        BundleLimits(total_bytes=1000),
        "too_large_total",
        WHOLE_BUNDLE,
        "bad.zip: bundle: holds 76893 bytes, more than the limit of 1000",
        "bad.zip：案件包：共 76893 字节，超过了 1000 字节的上限",
    ),
    "control character in a name": (
        lambda tmp: _example(tmp, ("evidence/E\x01", b"x")),
        None,
        "invalid_name",
        "'evidence/E\\x01'",
        "bad.zip: 'evidence/E\\x01': has an invalid name",
        "bad.zip：'evidence/E\\x01'：名称无效",
    ),
    "backslash": (
        lambda tmp: _example(tmp, ("evidence\\..\\evil", b"x")),
        None,
        "backslash",
        "evidence\\..\\evil",
        "bad.zip: evidence\\..\\evil: uses a backslash in its name",
        "bad.zip：evidence\\..\\evil：名称中含有反斜杠",
    ),
    "absolute path": (
        lambda tmp: _example(tmp, ("/etc/cron.d/evil", b"x")),
        None,
        "absolute_path",
        "/etc/cron.d/evil",
        "bad.zip: /etc/cron.d/evil: is an absolute path",
        "bad.zip：/etc/cron.d/evil：是绝对路径",
    ),
    "drive letter": (
        lambda tmp: _example(tmp, ("C:evil", b"x")),
        None,
        "absolute_path",
        "C:evil",
        "bad.zip: C:evil: is an absolute path",
        "bad.zip：C:evil：是绝对路径",
    ),
    "dot-dot": (
        lambda tmp: _example(tmp, ("evidence/../../evil", b"x")),
        None,
        "leaves_folder",
        "evidence/../../evil",
        "bad.zip: evidence/../../evil: leaves its folder ('..' or an empty path part)",
        "bad.zip：evidence/../../evil：指向所在文件夹之外（含有“..”或空的路径部分）",
    ),
    "link in a zip": (
        _symlink_entry,
        None,
        "link",
        "evidence/E9",
        "bad.zip: evidence/E9: is a link; bundles may hold only plain files",
        "bad.zip：evidence/E9：是链接；案件包只能包含普通文件",
    ),
    "link in a folder": (
        lambda tmp: _folder_with(tmp, lambda f: os.symlink("/etc/passwd", f / "evidence" / "E9")),
        None,
        "link",
        "evidence/E9",
        "bundle: evidence/E9: is a link; bundles may hold only plain files",
        "bundle：evidence/E9：是链接；案件包只能包含普通文件",
    ),
    "encrypted entry": (
        lambda tmp: _patched(_example(tmp), "evidence/E1", _FLAGS, "<H", 0x1),
        None,
        "encrypted",
        "evidence/E1",
        "bad.zip: evidence/E1: is encrypted",
        "bad.zip：evidence/E1：已加密",
    ),
    "not a plain file": (
        lambda tmp: _folder_with(tmp, lambda f: os.mkfifo(f / "evidence" / "E9")),
        None,
        "not_a_plain_file",
        "evidence/E9",
        "bundle: evidence/E9: is not a plain file",
        "bundle：evidence/E9：不是普通文件",
    ),
    "unexpected folder in a zip": (
        lambda tmp: _example(tmp, ("private/", b"")),
        None,
        "unexpected_folder",
        "private/",
        "bad.zip: private/: is not an expected folder (unexpected entry)",
        "bad.zip：private/：不是规定的文件夹（多余的条目）",
    ),
    "unexpected folder in a folder": (
        lambda tmp: _folder_with(tmp, lambda f: (f / "evidence" / "inner").mkdir()),
        None,
        "unexpected_folder",
        "evidence/inner/",
        "bundle: evidence/inner/: is not an expected folder (unexpected entry)",
        "bundle：evidence/inner/：不是规定的文件夹（多余的条目）",
    ),
    "not in the format": (
        lambda tmp: _example(tmp, ("notes.txt", b"hello")),
        None,
        "not_in_format",
        "notes.txt",
        "bad.zip: notes.txt: is not part of the bundle format (unexpected entry)",
        "bad.zip：notes.txt：不属于案件包格式（多余的条目）",
    ),
    "duplicate": (
        lambda tmp: _example(tmp, ("evidence/E1", b"again")),
        None,
        "duplicate",
        "evidence/E1",
        "bad.zip: evidence/E1: appears twice in the bundle",
        "bad.zip：evidence/E1：在案件包中出现了两次",
    ),
    "case.json missing": (
        _missing_case_json,
        None,
        "case_json_missing",
        "case.json",
        "bad.zip: case.json: is missing",
        "bad.zip：case.json：缺少此文件",
    ),
    "case.json too large": (
        _example,
        BundleLimits(case_json_bytes=100),
        "entry_too_large",
        "case.json",
        "bad.zip: case.json: is larger than the limit of 100 bytes",
        "bad.zip：case.json：超过了 100 字节的上限",
    ),
    "case.json off the schema": (
        lambda tmp: _changed(tmp, lambda d, f: d["case"].update(status="pending", mood="x")),
        None,
        "document_invalid",
        "case.json",
        "bad.zip: case.json: case.status: must be one of: open, awaiting_buyer, "
        "awaiting_merchant, in_mediation, under_review, resolved, closed, withdrawn; "
        "case.mood: unknown field",
        "bad.zip：case.json：case.status：必须是以下之一：open、awaiting_buyer、"
        "awaiting_merchant、in_mediation、under_review、resolved、closed、withdrawn；"
        "case.mood：未知字段",
    ),
    "undeclared evidence": (
        lambda tmp: _changed(tmp, lambda d, f: f.update(E9=b"surprise")),
        None,
        "undeclared",
        "evidence/E9",
        "bad.zip: evidence/E9: is not declared in case.json (unexpected entry)",
        "bad.zip：evidence/E9：未在 case.json 中声明（多余的条目）",
    ),
    "declared evidence missing": (
        lambda tmp: _changed(tmp, lambda d, f: f.pop("E2")),
        None,
        "evidence_missing",
        "evidence/E2",
        "bad.zip: evidence/E2: is missing (case.json declares this evidence file)",
        "bad.zip：evidence/E2：缺少此文件（case.json 声明了这个证据文件）",
    ),
    "larger than declared by its header": (
        lambda tmp: _changed(tmp, _declared_smaller),
        None,
        "size_differs",
        "evidence/E3",
        "bad.zip: evidence/E3: is 56559 bytes but case.json declares 56557 bytes",
        "bad.zip：evidence/E3：大小为 56559 字节，但 case.json 声明的是 56557 字节",
    ),
    "shorter than declared": (
        lambda tmp: _changed(tmp, _truncated),
        None,
        "size_differs",
        "evidence/E1",
        "bad.zip: evidence/E1: is 365 bytes but case.json declares 368 bytes",
        "bad.zip：evidence/E1：大小为 365 字节，但 case.json 声明的是 368 字节",
    ),
    "hash mismatch": (
        lambda tmp: _changed(tmp, _bytes_swapped),
        None,
        "hash_mismatch",
        "evidence/E1",
        "bad.zip: evidence/E1: its bytes do not match the SHA-256 hash case.json declares",
        "bad.zip：evidence/E1：内容与 case.json 声明的 SHA-256 哈希值不符",
    ),
    "damaged entry": (
        _damaged_entry,
        None,
        "damaged_entry",
        "evidence/E1",
        "bad.zip: evidence/E1: is damaged and cannot be read (Bad CRC-32 for file 'evidence/E1')",
        "bad.zip：evidence/E1：已损坏，无法读取（Bad CRC-32 for file 'evidence/E1'）",
    ),
    "unknown compression": (
        lambda tmp: _patched(_example(tmp), "evidence/E1", _METHOD, "<H", 99),
        None,
        "unsupported_compression",
        "evidence/E1",
        "bad.zip: evidence/E1: uses a compression this program cannot read "
        "(That compression method is not supported)",
        "bad.zip：evidence/E1：使用了本程序无法读取的压缩方式"
        "（That compression method is not supported）",
    ),
}


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
@pytest.mark.parametrize("kind", list(REFUSAL_CASES))
def test_each_refusal_names_its_entry_and_says_so_in_english_and_chinese(
    kind: str, tmp_path: Path
) -> None:
    make, limits, code, where, english, chinese = REFUSAL_CASES[kind]
    refusal = _refusal(make(tmp_path), tmp_path, limits)
    assert (refusal.code, refusal.where) == (code, where)
    assert refusal.text("en") == english
    assert refusal.text("zh-Hans") == chinese
    assert refusal.text("zh-Hant")  # its words exist; see the catalogue test below


def test_every_refusal_code_is_made_by_some_bundle_here() -> None:
    made = {case[2] for case in REFUSAL_CASES.values()} | {"unreadable", "larger_than_declared"}
    assert made == REFUSALS


def test_a_file_that_grows_after_the_folder_was_listed_is_read_only_to_its_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    opener = bundle_module._file_opener

    def growing(path: Path) -> Callable[[], BinaryIO]:
        def open_file() -> BinaryIO:
            if path.name == "E2":
                with path.open("ab") as file:
                    file.write(b"\0" * 1_000_000)
            return opener(path)()

        return open_file

    monkeypatch.setattr(bundle_module, "_file_opener", growing)
    refusal = _refusal(folder, tmp_path)
    assert (refusal.code, refusal.where) == ("larger_than_declared", "evidence/E2")
    assert refusal.text("en") == (
        "bundle: evidence/E2: holds more than the 19968 bytes case.json declares"
    )
    assert refusal.text("zh-Hans") == "bundle：evidence/E2：内容超过了 case.json 声明的 19968 字节"
    assert (
        refusal.text("zh-Hant") == "bundle：evidence/E2：內容超過了 case.json 宣告的 19968 位元組"
    )


def test_an_entry_the_file_system_will_not_open_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle folder whose file cannot be opened (no access, swapped for a link)."""
    folder = _folder(tmp_path)

    def refusing(path: Path) -> Callable[[], BinaryIO]:
        def open_file() -> BinaryIO:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        return open_file

    monkeypatch.setattr(bundle_module, "_file_opener", refusing)
    refusal = _refusal(folder, tmp_path)
    assert (refusal.code, refusal.where) == ("unreadable", "case.json")
    assert refusal.text("en") == "bundle: case.json: cannot be read (Permission denied)"
    assert refusal.text("zh-Hans") == "bundle：case.json：无法读取（Permission denied）"
    assert refusal.text("zh-Hant") == "bundle：case.json：無法讀取（Permission denied）"


def test_a_refusal_reads_in_traditional_chinese_too(tmp_path: Path) -> None:
    refusal = _refusal(_changed(tmp_path, _bytes_swapped), tmp_path)
    assert refusal.text("zh-Hant") == (
        "bad.zip：evidence/E1：內容與 case.json 宣告的 SHA-256 雜湊值不符"
    )
    whole = _refusal(tmp_path / "nowhere.zip", tmp_path)
    assert whole.text("zh-Hant") == "nowhere.zip：案件包：檔案或資料夾不存在"


def test_str_says_the_refusal_in_the_process_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusal = _refusal(_changed(tmp_path, _bytes_swapped), tmp_path)
    assert str(refusal) == refusal.text("en")
    monkeypatch.setattr(catalog, "_current", "zh-Hans")
    assert str(refusal) == "bad.zip：evidence/E1：内容与 case.json 声明的 SHA-256 哈希值不符"


def test_a_refused_case_json_keeps_every_problem_of_the_document(tmp_path: Path) -> None:
    def many(document: dict, files: dict[str, bytes]) -> None:
        for key in ("mood", "weather", "colour", "smell", "taste"):
            document["case"][key] = "?"

    refusal = _refusal(_changed(tmp_path, many), tmp_path)
    assert [problem.where for problem in refusal.problems] == [
        "case.mood",
        "case.weather",
        "case.colour",
        "case.smell",
        "case.taste",
    ]
    assert refusal.text("en").endswith("case.colour: unknown field; and 2 more")
    assert refusal.text("zh-Hans").endswith("case.colour：未知字段；另有 2 处问题")


def test_names_and_values_from_the_bundle_never_become_part_of_the_sentence(
    tmp_path: Path,
) -> None:
    refusal = _refusal(
        _example(tmp_path, ("{where}{problem}.txt", b"x"), name="{bundle}.zip"), tmp_path
    )
    assert refusal.text("en") == (
        "{bundle}.zip: {where}{problem}.txt: is not part of the bundle format (unexpected entry)"
    )


def test_a_refusal_survives_pickling_for_a_worker_process(tmp_path: Path) -> None:
    import pickle

    refusal = _refusal(_changed(tmp_path, _bytes_swapped), tmp_path)
    copy = pickle.loads(pickle.dumps(refusal))  # noqa: S301 (our own bytes)
    assert (copy.bundle, copy.where, copy.code) == ("bad.zip", "evidence/E1", "hash_mismatch")
    assert copy.text("zh-Hans") == refusal.text("zh-Hans")


# --- the catalogue ------------------------------------------------------------------------


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_refusal_code_has_words_in_three_languages_and_no_word_is_orphaned() -> None:
    entries = catalogue()
    prefix = "contract.refusal."
    assert {key[len(prefix) :] for key in entries if key.startswith(prefix)} == REFUSALS
    for code in REFUSALS:
        texts = entries[prefix + code]
        assert all(texts[language].strip() for language in LANGUAGES), code


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
def test_each_refusal_carries_exactly_the_values_its_words_show(tmp_path: Path) -> None:
    entries = catalogue()
    for kind, (make, limits, code, *_rest) in REFUSAL_CASES.items():
        case_dir = tmp_path / kind.replace(" ", "-")
        case_dir.mkdir()
        refusal = _refusal(make(case_dir), case_dir, limits)
        words_of = entries[f"contract.refusal.{code}"]
        for language in LANGUAGES:
            assert _placeholders(words_of[language]) == set(refusal.values), (kind, language)
