"""``mediation-desk db upgrade``: bring the local store's schema up to date."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_json_flag
from app.cli.output import emit_json, say
from app.config import resolve_paths
from app.store.db import open_database, upgrade
from app.vocabulary import words


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", parents=[common], help=str(words("cli.help.db")))
    commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    up = commands.add_parser("upgrade", parents=[common], help=str(words("cli.help.db_upgrade")))
    add_json_flag(up)
    up.set_defaults(handler=_upgrade)


def _upgrade(args: argparse.Namespace) -> int:
    paths = resolve_paths(getattr(args, "home", None), getattr(args, "db_url", None))
    database = open_database(paths.db_url, migrate=False)
    try:
        revision = upgrade(database)
    finally:
        database.dispose()
    if args.json:
        emit_json({"revision": revision, "database": database.engine.url.render_as_string()})
    else:
        say(str(words("cli.db_at", revision=revision)))
    return 0
