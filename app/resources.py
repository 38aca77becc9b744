"""The data the desk ships with, read from the installed package.

``resources/`` at the top of the source tree is installed as the package
``mediation_desk_resources`` (see ``setup.py``), so a wheel carries the workflow
scripts, calendars, wording and translations and finds them wherever it is installed.
Everything that reads shipped data asks here.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

PACKAGE = "mediation_desk_resources"


def resource_folder(*parts: str) -> Path:
    """The folder ``resources/<parts…>`` as a real path on disk.

    The package is always installed as plain files (a wheel, or the source tree in
    development); a zipped install is refused by name rather than half-working.
    """
    root = importlib.resources.files(PACKAGE)
    if not isinstance(root, Path):
        raise RuntimeError(
            f"{PACKAGE} is installed in a form that is not a folder ({type(root).__name__}); "
            "install Mediation Desk from its wheel with pip"
        )
    return root.joinpath(*parts)
