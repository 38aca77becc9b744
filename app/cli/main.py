"""Entry point of the ``mediation-desk`` command.

This is the composition root: it loads the command groups by module name — the core's
own, the reference platform's and the desk window's — so nothing else in ``app`` knows
Qt or the platform server. Each group has a ``register(subparsers, common)`` function;
``common`` is a parent parser carrying ``--home`` and ``--db-url`` so they work in any
position. A command's handler takes the parsed arguments and returns the exit code.
With no command, the desk's window opens. Expected failures (:class:`app.errors.DeskError`) print one line to stderr; any
other exception is a bug and is logged with its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app.cli.output import complain
from app.errors import DeskError

# Command groups, imported lazily so ``mediation-desk --help`` stays fast. The platform
# group belongs to the reference server; only this entry point knows about it.
_GROUPS = (
    "app.cli.database_commands",
    "app.cli.case_commands",
    "app.cli.verify_commands",
    "app.cli.sync_commands",
    "app.cli.workflow_commands",
    "platform_server.cli",
    "ui.demo",
)
WINDOW = "ui.cli"  # opens the desk's window when no command is given


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home",
        default=argparse.SUPPRESS,
        help="data folder (default: MEDIATION_DESK_HOME or the user's data folder)",
    )
    common.add_argument(
        "--db-url",
        default=argparse.SUPPRESS,
        help="database URL, e.g. postgresql+psycopg://user@host/db (default: SQLite in the data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="mediation-desk",
        description="Mediation Desk: settle consumer disputes, online or offline.",
        parents=[common],
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _GROUPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        if getattr(args, "command", None):
            parser.print_help()  # a command group without its sub-command
            return 2
        handler = importlib.import_module(WINDOW).open_desk_window
    try:
        return int(handler(args) or 0)
    except DeskError as exc:
        complain(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        complain("Stopped.")
        return 130
    except Exception:  # anything unexpected is a bug: log it, apologise
        where = log_bug(args)
        complain(
            "Sorry, something went wrong inside Mediation Desk. Nothing you entered was "
            f"lost; the details for the developers are in {where}"
        )
        return 70


def log_bug(args: argparse.Namespace) -> str:
    """Write the traceback to the log folder; returns where (personal data stays out)."""
    import traceback
    from datetime import UTC, datetime

    from app.config import resolve_paths

    try:
        folder = resolve_paths(
            getattr(args, "home", None), getattr(args, "db_url", None)
        ).log_folder
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.log"
        # Only the traceback and the command name: argument values may hold personal data.
        path.write_text(
            f"command: {getattr(args, 'command', None)}\n{traceback.format_exc()}",
            encoding="utf-8",
        )
        return str(path)
    except OSError:
        return "the terminal output above (the log folder could not be written)"


if __name__ == "__main__":
    sys.exit(main())
