"""Every installed version of every workflow script, and which one a new case starts on.

Scripts live under ``resources/workflows/`` (older versions under ``archive/``); a case
keeps the version it started on, so an edit never changes the rules under a case
already in progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from app.errors import NotFound
from app.resources import resource_folder
from app.vocabulary import words
from app.workflow.script_model import SWITCH_TO_CATEGORY, Script, ScriptError
from app.workflow.script_reader import load_script


class ScriptLibrary:
    """All versions of all scripts, keyed by (id, version).

    The newest version of each id is the current one: new cases start on it, while a
    case that started earlier keeps the version it started on.
    """

    def __init__(self, scripts: Iterable[Script]) -> None:
        self._scripts: dict[tuple[str, int], Script] = {}
        for script in scripts:
            key = (script.id, script.version)
            if key in self._scripts:
                earlier = self._scripts[key].source
                raise ScriptError(
                    script.source,
                    None,
                    "version",
                    f"{script.id} v{script.version} is also in {earlier}",
                )
            self._scripts[key] = script
        self._check_switch_targets()

    @classmethod
    def load(cls, folder: Path | None = None) -> ScriptLibrary:
        """Load ``folder/*.toml`` and ``folder/archive/*.toml`` (default: the bundled scripts)."""
        folder = folder if folder is not None else resource_folder("workflows")
        paths = sorted(folder.glob("*.toml")) + sorted((folder / "archive").glob("*.toml"))
        scripts = []
        for path in paths:
            script = load_script(path)
            if path.parent == folder and path.stem != script.id:
                raise ScriptError(
                    path.name, None, "id", f"'{script.id}' should live in {script.id}.toml"
                )
            scripts.append(script)
        library = cls(scripts)
        for script_id in library.ids():
            current = library.current(script_id)
            if (folder / f"{script_id}.toml").exists() and current.source != f"{script_id}.toml":
                raise ScriptError(
                    f"{script_id}.toml", None, "version",
                    f"is older than archived version {current.version}; current scripts hold the newest",
                )  # fmt: skip
        return library

    def _check_switch_targets(self) -> None:
        ids = self.ids()
        for script in self._scripts.values():
            for step in script.steps:
                for index, transition in enumerate(step.transitions):
                    target = transition.switch_script
                    if target is not None and target != SWITCH_TO_CATEGORY and target not in ids:
                        raise ScriptError(
                            script.source, step.id, f"transitions[{index}].switch_script",
                            f"no script '{transition.switch_script}' is loaded",
                        )  # fmt: skip

    def ids(self) -> frozenset[str]:
        return frozenset(script_id for script_id, _ in self._scripts)

    def versions(self, script_id: str) -> tuple[int, ...]:
        return tuple(sorted(version for sid, version in self._scripts if sid == script_id))

    def get(self, script_id: str, version: int) -> Script:
        """Exactly this version; :class:`NotFound` if it is not installed."""
        try:
            return self._scripts[(script_id, version)]
        except KeyError:
            raise NotFound(
                words("workflow.script_version_missing", script=script_id, version=version)
            ) from None

    def current(self, script_id: str) -> Script:
        """The newest version of a script; :class:`NotFound` if there is none."""
        versions = self.versions(script_id)
        if not versions:
            raise NotFound(words("workflow.script_missing", script=script_id))
        return self._scripts[(script_id, versions[-1])]

    def __iter__(self) -> Iterator[Script]:
        return iter(sorted(self._scripts.values(), key=lambda s: (s.id, s.version)))


# Scripts for the situations that override a case's category.
SAFETY_SCRIPT = "safety_hazard"
MALICIOUS_SCRIPT = "malicious_complaint"


def script_id_for_case(category: str, reason: str, flags: Iterable[str]) -> str:
    """Which script a new case starts on: safety hazards and suspected malicious
    complaints have their own; every other case follows its category's script."""
    flag_set = set(flags)
    if reason == "safety_hazard" or "safety_risk" in flag_set:
        return SAFETY_SCRIPT
    if "suspected_malicious" in flag_set:
        return MALICIOUS_SCRIPT
    return category
