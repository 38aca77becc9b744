"""What every command needs: opening the desk from the global options, the actor."""

from __future__ import annotations

import argparse
import getpass

from app.desk import Desk


def open_desk(args: argparse.Namespace) -> Desk:
    return Desk.open(getattr(args, "home", None), getattr(args, "db_url", None))


def local_actor() -> str:
    """Who is acting when no one is signed in to a platform: the OS account."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    cleaned = "".join(char for char in name if char.isalnum() or char in "._-")[:64]
    return f"user:{cleaned or 'unknown'}"


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
