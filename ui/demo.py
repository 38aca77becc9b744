"""``mediation-desk demo``: the reference platform with demo cases, and the desk on it.

Starts the platform in the background on a free loopback port with demo data, opens
the desk on a data folder of its own (so demo cases never mix with real ones), signs in
as the demo mediator and syncs with the progress dialog. Closing the window stops the
platform. The demo token lives in memory only, like the throwaway platform it is for.

Signatures are real: a throwaway demo organisation (``reports.signing.demo_kit``) signs
the platform's rulings awaiting review as their mediators (and the staged approvals as
the demo supervisor), and the desk gets the signed-in user's key and trusts the demo CA
— so *Approve and countersign* and ``review approve`` countersign for real. The key's
passphrase is kept with the token, in memory only.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
from pathlib import Path
from typing import Any

from app.vocabulary import words

DEMO_USER = "mediator1"
# Who ``--as`` signs in as.
DEMO_USERS = {"mediator": "mediator1", "supervisor": "supervisor1"}


class MemoryCredentials:
    """The demo's sign-in token, kept in this process only (never written anywhere)."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._secrets.get(key)

    def set(self, key: str, secret: str) -> None:
        self._secrets[key] = secret

    def delete(self, key: str) -> None:
        self._secrets.pop(key, None)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser(
        "demo",
        parents=[common],
        help=str(words("cli.help.demo")),
    )
    demo.add_argument("--cases", type=int, default=200, help=str(words("cli.help.demo_cases")))
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument(
        "--as",
        dest="as_role",
        choices=sorted(DEMO_USERS),
        default="mediator",
        help=str(words("review.cli.help_demo_as")),
    )
    demo.set_defaults(handler=run_demo)


def demo_home(args: argparse.Namespace) -> Path:
    """The demo's own data folder, emptied at every start (``--home`` chooses another)."""
    from app.config import resolve_paths

    given = getattr(args, "home", None)
    folder = Path(given) if given else resolve_paths().home / "demo"
    if not given and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_signing(home: Path) -> Any:
    """The demo organisation's keys, made in the demo's data folder
    (:class:`reports.signing.demo_kit.DemoSigning`)."""
    from reports.signing.demo_kit import DemoSigning

    return DemoSigning(home / "pki")


def run_demo(args: argparse.Namespace) -> int:
    from app.cli.output import complain, say
    from app.desk import Desk
    from platform_server.config import PlatformConfig
    from platform_server.server import start_in_thread
    from ui.cli import has_display

    if not has_display():
        complain(str(words("cli.no_display")))
        return 1
    home = demo_home(args)
    password = secrets.token_urlsafe(12)
    role = getattr(args, "as_role", "mediator")
    user = DEMO_USERS[role]
    say(str(words("cli.demo_starting", cases=args.cases)))
    signing = demo_signing(home)
    credentials = MemoryCredentials()
    server = start_in_thread(
        PlatformConfig(
            data_dir=home / "platform",
            port=0,
            cases=args.cases,
            seed=args.seed,
            demo_password=password,
            party_delay=20.0,
            review_stages=role == "supervisor",
            ruling_signer=signing.sign,
        )
    )
    try:
        say(str(words("cli.demo_ready", url=server.base_url, user=user)))
        desk = Desk.open(home / "desk", credentials=credentials)
        try:
            signing.set_up_desk(desk.paths.home, credentials, user)
            from ui.app import run_desk

            return run_desk(
                desk,
                platform_url=server.base_url,
                username=user,
                password=password,
                credentials=credentials,
            )
        finally:
            desk.close()
    finally:
        server.stop()
