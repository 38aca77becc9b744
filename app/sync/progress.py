"""What a sync reports: progress while it runs, and at the end a summary that names every
problem — actions held in a conflict, items quarantined, things that failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from app.vocabulary import Words, in_all_languages, say

ProblemKind = Literal["held", "quarantined", "failed"]


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "cases" | "push" | "files"
    cases_done: int = 0
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    actions_done: int = 0


@dataclass(frozen=True)
class SyncProblem:
    """One thing the mediator should know went wrong, and where."""

    kind: ProblemKind
    case_id: str | None
    what: str  # "evidence E2", "action 12 (message)", "changes feed", "audit anchor"
    message: Words

    def text(self, language: Any = None) -> str:
        return say(self.message, language)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "case_id": self.case_id,
            "what": self.what,
            "message": self.text(),
            "messages": in_all_languages(self.message),
        }


@dataclass(frozen=True)
class SyncSummary:
    cases_added: int = 0
    cases_updated: int = 0
    cases_removed: int = 0
    files_downloaded: int = 0
    bytes_downloaded: int = 0
    actions_pushed: int = 0
    conflicts: int = 0  # cases in conflict now: their actions are held for the mediator
    quarantined: int = 0  # items quarantined by this sync
    problems: tuple[SyncProblem, ...] = ()
    full_reconcile: bool = False
    # The audit anchor: the sequence number the platform acknowledged, or (rewound) the
    # later one it already held, which means this desk's audit trail went back in time.
    anchor_seq: int | None = None
    anchor_rewound: bool = False
    anchor_platform_seq: int | None = None
    warnings: tuple[Words, ...] = ()

    @property
    def held(self) -> tuple[SyncProblem, ...]:
        return tuple(problem for problem in self.problems if problem.kind == "held")

    @property
    def failed(self) -> tuple[SyncProblem, ...]:
        return tuple(problem for problem in self.problems if problem.kind == "failed")

    @property
    def errors(self) -> tuple[Words, ...]:
        """Every line the mediator should read: warnings first, then each problem."""
        return self.warnings + tuple(problem.message for problem in self.problems)

    @property
    def has_problems(self) -> bool:
        """Anything held, quarantined or failed, or a rewound audit trail."""
        return bool(self.problems or self.conflicts or self.quarantined or self.anchor_rewound)

    def as_json(self) -> dict[str, Any]:
        return {
            "cases_added": self.cases_added,
            "cases_updated": self.cases_updated,
            "cases_removed": self.cases_removed,
            "files_downloaded": self.files_downloaded,
            "bytes_downloaded": self.bytes_downloaded,
            "actions_pushed": self.actions_pushed,
            "conflicts": self.conflicts,
            "quarantined": self.quarantined,
            "failed": len(self.failed),
            "problems": [problem.as_json() for problem in self.problems],
            "warnings": [say(warning) for warning in self.warnings],
            "errors": [say(line) for line in self.errors],
            "full_reconcile": self.full_reconcile,
            "anchor": {
                "seq": self.anchor_seq,
                "rewound": self.anchor_rewound,
                "platform_seq": self.anchor_platform_seq,
            },
        }


@dataclass
class Tally:
    """What one sync has done so far (mutable; the summary is its frozen copy)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    files: int = 0
    bytes: int = 0
    pushed: int = 0
    conflicts: set[str] = field(default_factory=set)
    quarantined: int = 0
    problems: list[SyncProblem] = field(default_factory=list)
    reconcile: bool = False
    anchor_seq: int | None = None
    anchor_rewound: bool = False
    anchor_platform_seq: int | None = None
    warnings: list[Words] = field(default_factory=list)
