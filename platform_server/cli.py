"""``mediation-desk platform serve`` and ``mediation-desk platform import``."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from platform_server.config import DEFAULT_PORT, PlatformConfig
from platform_server.errors import CommandError, CommandInputError, CommandNotFound
from platform_server.faults import FaultSpec, FaultSpecError

TSA_PASSPHRASE_ENV = "MEDIATION_PLATFORM_TSA_PASSPHRASE"  # noqa: S105 (a variable name)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    group = subparsers.add_parser(
        "platform",
        help="run the reference platform server",
        description="The reference platform: serves the sync API with realistic demo cases.",
        parents=[common],
    )
    commands = group.add_subparsers(dest="platform_command", metavar="COMMAND")
    group.set_defaults(handler=lambda _args: _help(group))

    serve = commands.add_parser(
        "serve",
        help="serve the sync API (loopback by default)",
        parents=[common],
        description=(
            "Serve the platform sync API. Creates mediator1, mediator2 and supervisor1 and prints "
            "their passwords; in an empty data folder it first generates --cases demo cases. "
            "--db-url selects the platform's database (default: SQLite in --data)."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: a folder in the user's data directory)",
    )
    serve.add_argument(
        "--cases",
        type=int,
        default=200,
        help="demo cases to generate in an empty platform (default 200)",
    )
    serve.add_argument(
        "--seed",
        type=int,
        default=1,
        help="seed for demo data, party answers and faults (default 1)",
    )
    serve.add_argument(
        "--anchor",
        type=date.fromisoformat,
        default=None,
        help="the demo data's 'today', YYYY-MM-DD (default: today)",
    )
    serve.add_argument(
        "--demo-password",
        default=None,
        help="password for every demo user (default: random, printed)",
    )
    serve.add_argument(
        "--party-delay",
        type=float,
        default=5.0,
        help="seconds before the simulated parties answer (default 5)",
    )
    serve.add_argument(
        "--edit-rate",
        type=float,
        default=0.0,
        help="platform-side edits per second (default 0: none)",
    )
    serve.add_argument(
        "--faults",
        default="",
        help='e.g. "error=0.05,throttle=0.02,delay_ms=300,truncate=0.02,lost_response=0.02,duplicate_page=0.1"',
    )
    serve.add_argument(
        "--token-hours", type=float, default=8.0, help="session lifetime in hours (default 8)"
    )
    serve.add_argument(
        "--tsa",
        type=Path,
        default=None,
        metavar="TSA.p12",
        help=f"serve an RFC 3161 timestamp authority (POST /api/v1/timestamp) with this key "
        f"(pki init writes tsa.p12); its passphrase from ${TSA_PASSPHRASE_ENV}",
    )
    serve.set_defaults(handler=_reporting(run_serve))

    load = commands.add_parser(
        "import",
        help="import case bundles into a platform's data folder",
        parents=[common],
        description="Import case bundles (zip or folder) with the same checks as the desk's importer.",
    )
    load.add_argument("--data", type=Path, required=True, help="the platform's data folder")
    load.add_argument(
        "--replace", action="store_true", help="overwrite cases that are already on the platform"
    )
    load.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    load.set_defaults(handler=_reporting(run_import))


def _reporting(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """The command, with its expected failures said on stderr and turned into exit codes."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except CommandError as exc:
            print(exc.message, file=sys.stderr)
            return exc.exit_code

    return run


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _default_data() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("mediation-desk")) / "platform"


def _config(args: argparse.Namespace) -> PlatformConfig:
    if args.cases < 0 or args.cases > 100_000:
        raise CommandInputError("--cases must be between 0 and 100000.")
    if args.party_delay < 0 or args.edit_rate < 0:
        raise CommandInputError("--party-delay and --edit-rate must not be negative.")
    if not 0 <= args.port <= 65535:
        raise CommandInputError("--port must be between 0 and 65535.")
    try:
        faults = FaultSpec.parse(args.faults)
    except FaultSpecError as exc:
        raise CommandInputError(f"--faults: {exc}") from None
    tsa = getattr(args, "tsa", None)
    passphrase = os.environ.get(TSA_PASSPHRASE_ENV) if tsa is not None else None
    if tsa is not None and not passphrase:
        raise CommandInputError(
            f"--tsa: set the TSA key's passphrase in ${TSA_PASSPHRASE_ENV} (never on the command line)."
        )
    return PlatformConfig(
        data_dir=(args.data or _default_data()).expanduser(),
        db_url=getattr(args, "db_url", None),
        host=args.host,
        port=args.port,
        cases=args.cases,
        seed=args.seed,
        anchor=args.anchor,
        demo_password=args.demo_password,
        party_delay=args.party_delay,
        edit_rate=args.edit_rate,
        faults=faults,
        token_ttl_seconds=args.token_hours * 3600,
        tsa_p12=tsa,
        tsa_passphrase=passphrase,
    )


def run_serve(args: argparse.Namespace) -> int:
    import socket

    from platform_server.app import build_platform
    from platform_server.server import serve_forever
    from platform_server.timestamps import TimestampAuthorityError

    config = _config(args)
    if config.port:
        probe = socket.socket(socket.AF_INET6 if ":" in config.host else socket.AF_INET)
        try:
            probe.bind((config.host, config.port))
        except OSError as exc:
            raise CommandError(
                f"Cannot listen on {config.host}:{config.port}: {exc.strerror}."
            ) from None
        finally:
            probe.close()

    def say(text: str) -> None:
        print(text, flush=True)

    say(f"Preparing the platform in {config.data_dir} …")
    try:
        platform, passwords = build_platform(config, progress=say)
    except TimestampAuthorityError as exc:
        raise CommandInputError(f"--tsa: {exc}") from None
    host = f"[{config.host}]" if ":" in config.host else config.host
    say("")
    say("Mediation Desk reference platform")
    say(
        f"  URL:          http://{host}:{config.port}   (API under /api/v1, OpenAPI at /openapi.json)"
    )
    for user in config.users:
        say(f"  {user.role:<11}   {user.username:<12} password: {passwords[user.username]}")
    say(f"  admin token:  {config.admin_token}")
    if platform.tsa is not None:
        say("  timestamps:   RFC 3161 at /api/v1/timestamp (signed-in users)")
    say(
        f"  parties answer after {config.party_delay:g} s; platform edits/s: {config.edit_rate:g}; faults: {config.faults.to_text()}"
    )
    if not _is_loopback(config.host):
        say("  WARNING: listening beyond this computer; demo passwords are printed above.")
    say("")
    serve_forever(config, platform)
    return 0


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def run_import(args: argparse.Namespace) -> int:
    from app.contract.bundle import BundleError
    from app.contract.content_store import ContentStore
    from platform_server.db import Database
    from platform_server.seeding import ImportRefused, import_bundle

    config = PlatformConfig(data_dir=args.data.expanduser(), db_url=getattr(args, "db_url", None))
    if not config.data_dir.is_dir() and config.db_url is None:
        raise CommandNotFound(
            f"No platform data folder at {config.data_dir}; start 'platform serve --data' there first or create it."
        )
    config.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(config.database_url)
    db.create_schema()
    store = ContentStore(config.files_dir)
    failures = 0
    try:
        for path in args.bundles:
            try:
                case_id, files = import_bundle(db, store, path, replace=args.replace)
            except (BundleError, ImportRefused) as exc:
                failures += 1
                print(f"refused: {exc}", file=sys.stderr)
                continue
            print(f"imported {case_id} ({files} evidence files) from {path.name}")
    finally:
        db.dispose()
    if failures:
        raise CommandInputError(
            f"{failures} of {len(args.bundles)} bundles were refused; nothing of them was imported."
        )
    return 0
