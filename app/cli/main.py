"""Entry point of the ``mediation-desk`` command (and of ``python -m app``).

This is the **composition root**, the one module allowed to name every part of the
program: it loads the command groups — the core's own, the documents' (``reports``), the
reference platform's and the desk window's — by module name, so nothing else in ``app``
knows Qt, ReportLab or the platform server. The architecture test knows this file.

Each group has a ``register(subparsers, common)`` function; ``common`` is a parent
parser carrying the global options (``--home``, ``--db-url``, ``--lang``), so they work
before or after the command and its group. A command's handler takes the parsed
arguments and returns the exit code. With no command, the desk's window opens.

The command line speaks the user's language: ``--lang`` (zh-Hans, zh-Hant or en; zh_CN
and zh_TW are understood too), else the locale. Expected failures and environment faults
(disk full, a locked store…) print one line to stderr in that language and exit with
their kind's code; any other exception is a bug, written down by :mod:`app.bug_log`. A
closed pipe (``… | head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.bug_log import write_bug_report
from app.cli.output import complain
from app.errors import DeskError, as_desk_error, describe_error
from app.vocabulary import Language, language_from_locale, language_from_name, set_language, words

# Command groups, imported lazily so ``mediation-desk --help`` stays fast. Only this
# module names the packages outside the core.
_GROUPS = (
    "app.cli.database_commands",
    "app.cli.case_commands",
    "app.cli.verify_commands",
    "app.cli.sync_commands",
    "app.cli.workflow_commands",
    "app.cli.anonymize_commands",
    "app.cli.stats_commands",
    "app.cli.review_commands",
    "reports.cli",
    "reports.signing.cli",
    "reports.notice_cli",
    "platform_server.cli",
    "ui.demo",
)
WINDOW = "ui.cli"  # opens the desk's window when no command is given
# Ports the core's commands are handed: (module, attribute) set to (module, attribute).
# The signing module loads pyHanko only when a document is approved.
_PORTS = (
    (
        ("app.cli.review_commands", "COUNTERSIGN"),
        ("reports.signing.countersign", "desk_countersign"),
    ),
    (
        ("app.cli.sync_commands", "STAMPER"),
        ("reports.signing.timestamping", "desk_stamper"),
    ),
)

EXIT_BUG = 70
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141  # what a shell reports for a writer whose reader went away


# argparse's own words (it looks them up through a module-level ``_``), by catalogue key.
_ARGPARSE_WORDS = {
    "usage: ": "usage",
    "positional arguments": "positionals",
    "options": "options",
    "show this help message and exit": "help",
    "show program's version number and exit": "version",
    "the following arguments are required: %s": "required",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "unrecognized arguments: %s": "unrecognized",
    "expected one argument": "expected_one",
    "argument %(argument_name)s: %(message)s": "argument",
    "not allowed with argument %s": "not_allowed_with",
    "one of the arguments %s is required": "one_required",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
}


def _argparse_in_the_users_language(message: str) -> str:
    key = _ARGPARSE_WORDS.get(message)
    return message if key is None else words(f"argparse.{key}").text()


class _Parser(argparse.ArgumentParser):
    """argparse, with its own complaint about the command line in the user's language."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        complain(str(words("cli.usage_error", prog=self.prog, problem=message)))
        raise SystemExit(2)


def _language_option(argv: Sequence[str]) -> Language:
    """``--lang`` wherever it is on the command line, else the locale's language."""
    for index, item in enumerate(argv):
        if item == "--lang" and index + 1 < len(argv):
            return language_from_name(argv[index + 1])
        if item.startswith("--lang="):
            return language_from_name(item.split("=", 1)[1])
    return language_from_locale()


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--home", default=argparse.SUPPRESS, metavar="DIR", help=str(words("cli.help.home"))
    )
    common.add_argument(
        "--db-url", default=argparse.SUPPRESS, metavar="URL", help=str(words("cli.help.db_url"))
    )
    common.add_argument(
        "--lang", default=argparse.SUPPRESS, metavar="LANG", help=str(words("cli.help.lang"))
    )
    parser = _Parser(
        prog="mediation-desk", description=str(words("cli.help.program")), parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"mediation-desk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in _GROUPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers, common)
    _wire_ports()
    return parser


def _wire_ports() -> None:
    """Hand the core's commands the real implementations of their ports."""
    for (target, name), (source, attribute) in _PORTS:
        try:
            provider = importlib.import_module(source)
        except ModuleNotFoundError as exc:
            if exc.name != source:
                raise
            continue
        setattr(importlib.import_module(target), name, getattr(provider, attribute))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_option(argv))
    argparse._ = _argparse_in_the_users_language  # type: ignore[attr-defined]
    args = argparse.Namespace()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            if getattr(args, "command", None):
                parser.print_help()  # a command group without its sub-command
                return 2
            handler = importlib.import_module(WINDOW).open_desk_window
        code = int(handler(args) or 0)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except KeyboardInterrupt:
        complain(str(words("cli.stopped")))
        return EXIT_INTERRUPTED
    except Exception as exc:
        known = as_desk_error(exc)
        if isinstance(known, DeskError):
            complain(known.text())
            return known.exit_code
        return _bug(exc, args)


def _closed_pipe() -> int:
    # The reader (``head``) has all it wanted. Point stdout at nothing so the interpreter's
    # own flush at exit does not complain a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    return EXIT_CLOSED_PIPE


def _bug(error: BaseException, args: argparse.Namespace) -> int:
    """Write the bug's report to the log folder and apologise in one line."""
    from app.config import log_folder_for

    folder = log_folder_for(getattr(args, "home", None))
    path = write_bug_report(folder, error, f"command {getattr(args, 'command', None)}")
    described = describe_error(error, bug_log=str(path) if path else None)
    complain(str(words("errors.bug_line", headline=described.headline, advice=described.advice)))
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
