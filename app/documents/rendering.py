"""What the core expects of a renderer: a record in, PDF bytes and their layout out.

The core never imports ReportLab: the entry points (the command line, the desk) hand
the services a :class:`Renderer` — ``reports.render_record`` — so ``app`` stays free of
it and the tests can hand in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from app.documents.records import DecisionRecord


@dataclass(frozen=True)
class SignatureBox:
    """The room left for one signature: page (from 0) and rectangle in PDF points
    (x1, y1, x2, y2 from the page's lower left), where a visible signature goes."""

    field_name: str
    role: str
    page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedDocument:
    data: bytes
    page_count: int
    signature_boxes: tuple[SignatureBox, ...]

    def layout_json(self) -> dict[str, Any]:
        """The layout as the store keeps it."""
        return {
            "page_count": self.page_count,
            "signature_boxes": [
                {"field_name": b.field_name, "role": b.role, "page": b.page, "rect": list(b.rect)}
                for b in self.signature_boxes
            ],
        }


class Renderer(Protocol):
    def __call__(self, record: DecisionRecord) -> RenderedDocument: ...
