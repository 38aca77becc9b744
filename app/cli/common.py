"""What every command needs: opening the desk from the global options, the actor."""

from __future__ import annotations

import argparse

from app.cli.output import complain
from app.desk import Desk
from app.services.identity import local_actor
from app.vocabulary import words

__all__ = ["add_json_flag", "local_actor", "open_desk", "positive_int"]


def open_desk(args: argparse.Namespace) -> Desk:
    """Open the store the global options name; warn if others can read its data, and
    tell the user when a write has to wait for another process."""
    desk = Desk.open(getattr(args, "home", None), getattr(args, "db_url", None))
    exposed = desk.paths.exposed()
    if exposed:
        complain(
            str(
                words(
                    "store.exposed",
                    paths=[str(path) for path in exposed],
                    home=str(desk.paths.home),
                )
            )
        )
    desk.database.waiting.append(lambda: complain(desk.waiting_words().text()))
    return desk


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=str(words("cli.help.json")))


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more, refused in the user's words."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(str(words("cli.not_a_number", value=text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(str(words("cli.at_least_one", value=value)))
    return value
