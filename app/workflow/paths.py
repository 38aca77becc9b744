"""Where the workflow data lives: ``resources/workflows`` and ``resources/calendar``.

The folders sit at the top of the source tree, beside ``app``. ``MEDIATION_DESK_RESOURCES``
points elsewhere (an installed copy, a test folder).
"""

from __future__ import annotations

import os
from pathlib import Path

_SOURCE_TREE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resources_folder() -> Path:
    """The ``resources`` folder: ``MEDIATION_DESK_RESOURCES`` or the source tree's own."""
    override = os.environ.get("MEDIATION_DESK_RESOURCES")
    return Path(override) if override else _SOURCE_TREE_RESOURCES


def workflows_folder() -> Path:
    """The folder of the current workflow scripts (older versions under ``archive/``)."""
    return resources_folder() / "workflows"


def calendar_folder() -> Path:
    """The folder of the holiday data files (``cn-<year>.toml``)."""
    return resources_folder() / "calendar"
