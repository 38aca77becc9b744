"""The command line in the user's language and habits, and environment faults named as
sentences a mediator can act on — never a bug report."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli.main import main
from app.cli.output import ProgressBar
from tests.conftest import REPO
from tests.support.bundles import LOST_PARCEL, WOOL_COAT


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("MEDIATION_DESK_HOME", str(folder))
    monkeypatch.delenv("MEDIATION_DESK_DB_URL", raising=False)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def command(home: Path, *args: str, lang: str = "en_US.UTF-8", **kwargs: object):  # type: ignore[no-untyped-def]
    """The installed command in its own process, under a given locale."""
    env = {
        **os.environ,
        "MEDIATION_DESK_HOME": str(home),
        "LANG": lang,
        "LC_ALL": lang,
        "LC_MESSAGES": lang,
    }
    return subprocess.run(
        [str(Path(sys.executable).with_name("mediation-desk")), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _bug_reports(home: Path) -> list[Path]:
    return sorted((home / "logs").glob("error-*.log")) if (home / "logs").exists() else []


# -- language ------------------------------------------------------------------------------


def test_errors_follow_a_chinese_locale(home: Path) -> None:
    simplified = command(home, "cases", "show", "DSP-0000-000000", lang="zh_CN.UTF-8")
    traditional = command(home, "cases", "show", "DSP-0000-000000", lang="zh_TW.UTF-8")
    assert (simplified.returncode, simplified.stderr) == (3, "本地库中没有案件 DSP-0000-000000。\n")
    assert traditional.stderr == "本機資料庫中沒有案件 DSP-0000-000000。\n"


def test_lang_overrides_the_locale_in_any_position(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(capsys, "cases", "show", "DSP-0000-000000", "--lang", "zh-Hant")
    assert (code, err) == (3, "本機資料庫中沒有案件 DSP-0000-000000。\n")
    code, _out, err = run(capsys, "--lang=zh_CN", "cases", "show", "DSP-0000-000000")
    assert err == "本地库中没有案件 DSP-0000-000000。\n"


def test_help_is_in_the_users_language(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--lang", "zh-Hans", "cases", "--help"])
    shown = capsys.readouterr().out
    assert "导入案件包" in shown and "用法" in shown and "位置参数" in shown


def test_version_and_python_dash_m(home: Path) -> None:
    assert command(home, "--version").stdout.strip() == f"mediation-desk {__version__}"
    module = subprocess.run(
        [sys.executable, "-m", "app", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert module.stdout.strip() == f"mediation-desk {__version__}"


def test_global_options_work_after_the_command_group(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    code, _, err = run(capsys, "cases", "--home", str(elsewhere), "import", str(WOOL_COAT))
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "cases", "list", "--home", str(elsewhere), "--json")
    assert [case["id"] for case in json.loads(out)["cases"]] == ["DSP-2026-004711"]


# -- habits --------------------------------------------------------------------------------


def test_a_closed_pipe_ends_the_command_quietly_without_a_bug_report(
    home: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))

    class ClosedPipe:
        """stdout after the reader (``head``) went away."""

        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return os.open(os.devnull, os.O_WRONLY)

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["cases", "show", "DSP-2026-004711"])
    monkeypatch.undo()
    assert code == 141
    assert capsys.readouterr().err == ""
    assert _bug_reports(home) == []


def test_a_pipe_read_only_in_part_ends_quietly(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT), str(LOST_PARCEL))
    executable = Path(sys.executable).with_name("mediation-desk")
    # A fixed pipeline of our own command, as a user types it.
    pipeline = subprocess.run(  # noqa: S602
        f"'{executable}' cases show DSP-2026-004711 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "MEDIATION_DESK_HOME": str(home)},
        check=False,
    )
    assert pipeline.stdout.startswith("DSP-2026-004711")
    assert pipeline.stderr == ""
    assert _bug_reports(home) == []


def test_the_progress_bar_draws_on_a_terminal_and_is_silent_otherwise() -> None:
    class Terminal:
        def __init__(self, tty: bool) -> None:
            self.tty, self.text = tty, ""

        def isatty(self) -> bool:
            return self.tty

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            pass

    terminal, pipe = Terminal(True), Terminal(False)
    for stream in (terminal, pipe):
        bar = ProgressBar("Importing", stream=stream)
        bar(3, 3)
        bar.finish()
    assert "[##############################] 3/3" in terminal.text
    assert pipe.text == ""


def test_import_and_verify_print_no_progress_when_not_on_a_terminal(home: Path) -> None:
    imported = command(home, "cases", "import", str(WOOL_COAT), str(LOST_PARCEL))
    verified = command(home, "evidence", "verify")
    assert imported.returncode == verified.returncode == 0
    assert imported.stderr == verified.stderr == ""


# -- environment faults --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["postgres+nothing://me:s3cret@db/x", "postgresql://me:s3cret@db:notaport/x", "nonsense"],
)
def test_a_malformed_db_url_is_one_line_without_the_password(home: Path, capsys, url: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "cases", "list", "--db-url", url)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "is not a database address" in err
    assert "s3cret" not in err
    assert _bug_reports(home) == []


def test_limit_zero_is_refused_by_name(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["cases", "list", "--limit", "0"])
    assert stopped.value.code == 2
    assert "must be 1 or more, not 0" in capsys.readouterr().err


def test_export_to_a_folder_is_refused_and_writes_nothing(
    home: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = run(capsys, "cases", "export", "DSP-2026-004711", "--out", str(folder))
    assert code == 2 and "is a folder" in err
    assert list(folder.iterdir()) == []


def test_a_corrupt_database_is_named_not_apologised_for(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))
    database = home / "desk.sqlite3"
    for leftover in home.glob("desk.sqlite3-*"):
        leftover.unlink()
    database.write_bytes(b"this is not a database, it was truncated and overwritten" * 100)
    code, out, err = run(capsys, "cases", "list")
    assert code == 9 and out == ""
    assert err.count("\n") == 1 and "is damaged" in err
    assert _bug_reports(home) == []


def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    not_a_folder = tmp_path / "home"
    not_a_folder.write_text("oops")
    code, _, err = run(capsys, "cases", "list", "--home", str(not_a_folder))
    assert code == 9 and "is a file, not a folder" in err


def test_a_full_disk_stops_an_import_and_lists_what_landed(
    home: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from app.contract import content_store

    real = content_store.ContentStore.commit
    calls = {"count": 0}

    def commit(self, staged, *, durable=True):  # type: ignore[no-untyped-def]
        calls["count"] += 1
        if calls["count"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.objects))
        return real(self, staged, durable=durable)

    monkeypatch.setattr(content_store.ContentStore, "commit", commit)
    code, out, err = run(capsys, "cases", "import", str(WOOL_COAT), str(LOST_PARCEL))
    assert code == 9
    assert "DSP-2026-004711 version" in out  # the first landed
    assert "The disk is full" in err and "DSP-2026-009102.zip" in err  # the second did not
    assert _bug_reports(home) == []
    _code, out, _ = run(capsys, "cases", "list", "--json")
    assert [case["id"] for case in json.loads(out)["cases"]] == ["DSP-2026-004711"]


def test_an_unreadable_evidence_file_is_reported_not_a_bug(
    home: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))
    import builtins

    real_open = builtins.open
    objects = str(home / "evidence" / "objects")

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).startswith(objects):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    code, out, _err = run(capsys, "evidence", "verify", "--json")
    assert code == 6
    states = {p["state"] for p in json.loads(out)["cases"]["DSP-2026-004711"]}
    assert states == {"unreadable"}
    assert _bug_reports(home) == []


def test_a_file_no_record_names_is_reported_by_evidence_verify(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    run(capsys, "cases", "import", str(WOOL_COAT))
    # What an import killed between moving its files into place and committing leaves.
    data = b"left behind by a killed import"
    digest = hashlib.sha256(data).hexdigest()
    (home / "evidence" / "objects" / digest).write_bytes(data)
    code, _out, err = run(capsys, "evidence", "verify")
    assert code == 6
    assert digest in err and "no record names it" in err


def test_bug_reports_in_the_same_second_never_overwrite_each_other(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from app.bug_log import write_bug_report

    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    paths = {
        write_bug_report(tmp_path / "logs", ValueError(str(n)), "test", now=moment)
        for n in range(3)
    }
    assert len(paths) == 3 and None not in paths


# -- one desk, many readers ------------------------------------------------------------------


def _hold_write_lock(database: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n"
            "c.execute('ROLLBACK')\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_read_does_not_wait_while_another_process_holds_the_write_lock(
    home: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))
    holder = _hold_write_lock(home / "desk.sqlite3")
    try:
        # Had the read asked for the write lock, it would wait out the busy timeout and
        # fail as "busy": it answers while the lock is still held.
        result = command(home, "cases", "list", "--json", timeout=120)
        still_held = holder.poll() is None
    finally:
        holder.communicate("\n", timeout=10)
    assert still_held
    assert result.returncode == 0, result.stderr
    assert [case["id"] for case in json.loads(result.stdout)["cases"]] == ["DSP-2026-004711"]


def test_a_write_that_must_wait_says_so_then_goes_ahead(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Imported by the command too, so both writes see the same (absent) keyring.
    assert command(home, "cases", "import", str(WOOL_COAT)).returncode == 0
    holder = _hold_write_lock(home / "desk.sqlite3")
    writer = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("mediation-desk")),
            "cases",
            "message",
            "DSP-2026-004711",
            "--to",
            "P1",
            "--text",
            "请补充照片。",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MEDIATION_DESK_HOME": str(home), "LANG": "en_US.UTF-8"},
    )
    try:
        assert writer.stderr is not None
        line = writer.stderr.readline()
    finally:
        holder.communicate("\n", timeout=10)
    _out, err = writer.communicate(timeout=30)
    assert "The store is in use by" in line
    assert writer.returncode == 0, err


# -- private by default ----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_everything_the_desk_creates_is_private_whatever_the_umask(
    home: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    previous = os.umask(0o022)
    try:
        run(capsys, "cases", "import", str(WOOL_COAT))
        out = tmp_path / "out.zip"
        run(capsys, "cases", "export", "DSP-2026-004711", "--out", str(out))
        from app.bug_log import write_bug_report

        report = write_bug_report(home / "logs", ValueError("x"), "test")
    finally:
        os.umask(previous)
    assert _mode(home) == 0o700
    for name in ("desk.sqlite3", "desk.sqlite3-wal", "desk.sqlite3-shm"):
        if (home / name).exists():
            assert _mode(home / name) == 0o600, name
    evidence = [path for path in (home / "evidence").rglob("*")]
    assert evidence and all(_mode(path) == (0o700 if path.is_dir() else 0o600) for path in evidence)
    assert _mode(home / "logs") == 0o700
    assert report is not None and _mode(report) == 0o600
    assert _mode(out) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_data_folder_others_can_read_is_reported_with_the_fix(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "cases", "import", str(WOOL_COAT))
    os.chmod(home, 0o755)  # noqa: S103 - the mistake the desk must report
    code, _, err = run(capsys, "cases", "list")
    assert code == 0
    assert "Other accounts on this computer can read" in err
    assert f"chmod -R go-rwx {home}" in err


def test_sqlite_wal_files_inherit_the_private_mode() -> None:
    # The guarantee the store relies on: SQLite creates -wal/-shm with the database's mode.
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "db.sqlite3"
    path.touch(mode=0o600)
    os.chmod(path, 0o600)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        assert _mode(folder / "db.sqlite3-wal") == 0o600


def test_an_import_while_another_writer_holds_the_store_is_refused_naming_it(
    home: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    import fcntl

    from app.store.writer_lock import lock_path

    home.mkdir(parents=True)
    descriptor = os.open(lock_path(home), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(
        descriptor,
        json.dumps(
            {"pid": 4242, "doing": "sync", "since": "2026-12-01T09:00:00+08:00", "host": "h"}
        ).encode(),
    )
    try:
        result = command(home, "cases", "import", str(WOOL_COAT))
    finally:
        os.close(descriptor)
    assert result.returncode == 10
    assert "4242" in result.stderr and "sync" in result.stderr
    _code, out, _ = run(capsys, "cases", "list", "--json")
    assert json.loads(out)["cases"] == []  # nothing landed
