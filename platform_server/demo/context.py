"""What one demo case's generation has decided so far, and the small helpers every part uses."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from platform_server.demo import images
from platform_server.demo.planning import render_group
from platform_server.demo.scenarios import EVIDENCE_TITLES, Scenario

Doc = dict[str, Any]

LANG_KEY = {"zh-Hans": "zh", "zh-Hant": "hant", "en": "en"}


@dataclass
class RenderCache:
    """Rendered files by key, so cases past :data:`UNIQUE_RENDERS` reuse earlier ones."""

    files: dict[tuple[Any, ...], bytes] = field(default_factory=dict)

    def get(self, key: tuple[Any, ...], render: Callable[[], bytes]) -> bytes:
        if key not in self.files:
            self.files[key] = render()
        return self.files[key]


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def money_text(minor: int, currency: str, language: str) -> str:
    major = minor / 100
    if currency == "CNY":
        return f"{major:.0f}元" if minor % 100 == 0 else f"{major:.2f}元"
    if currency == "HKD":
        return f"HK${major:,.0f}" if minor % 100 == 0 else f"HK${major:,.2f}"
    if currency == "TWD":
        return f"NT${major:,.0f}"
    symbol = {"GBP": "£", "USD": "$", "EUR": "€"}.get(currency, currency + " ")
    return f"{symbol}{major:,.2f}"


def convert(yuan: int, currency: str) -> int:
    """A CNY price in the buyer's currency, in minor units, ending as shops price things."""
    if currency == "CNY":
        return yuan * 100
    if currency == "HKD":
        return round(yuan * 1.08) * 100
    if currency == "TWD":
        return round(yuan * 4.4 / 10) * 10 * 100
    pounds = max(1, round(yuan * 0.11))
    return pounds * 100 - 1


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass
class CaseContext:
    """What one case's generation has decided so far."""

    index: int
    seed: int
    rng: random.Random
    scenario: Scenario
    scenario_no: int
    language: str
    texts: dict[str, Any]
    tz: timezone
    values: dict[str, str]
    cache: RenderCache
    evidence: list[Doc] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    history: list[Doc] = field(default_factory=list)

    def fmt(self, text: str) -> str:
        try:
            return text.format_map(self.values)
        except (KeyError, ValueError):
            return text

    def title(self, kind: str) -> str:
        return EVIDENCE_TITLES[LANG_KEY[self.language]][kind]

    @property
    def chinese(self) -> bool:
        return self.language != "en" and images.can_draw_chinese()

    def render(self, kind: str, render: Callable[[], bytes]) -> bytes:
        return self.cache.get((kind, *render_group(self.index, self.seed)), render)

    def add_evidence(
        self,
        kind: str,
        data: bytes,
        media_type: str,
        filename: str,
        submitted_by: str,
        submitted_at: datetime,
        title: str,
        **more: Any,
    ) -> str:
        evidence_id = f"E{len(self.evidence) + 1}"
        entry: Doc = {
            "id": evidence_id,
            "kind": kind,
            "submitted_by": submitted_by,
            "submitted_at": iso(submitted_at),
            "title": title,
            "filename": filename,
            "media_type": media_type,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        entry.update({key: value for key, value in more.items() if value is not None})
        self.evidence.append(entry)
        self.files[evidence_id] = data
        return evidence_id

    def event(self, at: datetime, actor: str, event: str, text: str | None = None) -> None:
        entry: Doc = {"at": iso(at), "actor": actor, "event": event}
        if text:
            entry["text"] = text
        self.history.append(entry)
