"""What every command needs: opening the desk from the global options, the actor."""

from __future__ import annotations

import argparse

from app.desk import Desk
from app.services.identity import local_actor

__all__ = ["add_json_flag", "local_actor", "open_desk"]


def open_desk(args: argparse.Namespace) -> Desk:
    return Desk.open(getattr(args, "home", None), getattr(args, "db_url", None))


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
