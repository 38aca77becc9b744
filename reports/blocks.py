"""A story as plain blocks first, ReportLab flowables second.

:mod:`reports.story` writes what a document says as :class:`Block` values (markup already
escaped, a style name, table rows); :func:`flowables` turns them into Platypus objects.
The split lets ``benchmarks/documents.py`` time ReportLab alone on the very same story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports.fonts import with_fallback
from reports.qr import QrCode
from reports.styles import HEAD_FILL, RULE, Styles


def markup(text: str | None) -> str:
    """Untrusted text as Paragraph markup: escaped (``<b>`` and ``&`` stay literal),
    control characters dropped, line breaks kept."""
    if not text:
        return ""
    clean = "".join(c for c in text if c in "\n\t" or ord(c) >= 32)
    return escape(clean).replace("\n", "<br/>")


@dataclass(frozen=True)
class Para:
    markup: str
    style: str


@dataclass(frozen=True)
class Gap:
    height: float


@dataclass(frozen=True)
class Grid:
    """A table: rows of cell markup; the first ``header`` rows repeat on each page."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header: int = 1
    cell_styles: tuple[str, ...] = ()  # per column; default "cell"
    boxed: bool = True


@dataclass(frozen=True)
class Manifest:
    """The evidence-manifest digest: a QR code beside the printed line."""

    qr_data: str
    label: str
    digest: str
    note: str


@dataclass(frozen=True)
class SignatureSlot:
    field_name: str
    role: str
    label: str  # markup: who signs here, and their name once known


@dataclass(frozen=True)
class Signatures:
    """The signature room, kept on one page with the paragraphs just before it (a
    signature never stands alone on a page)."""

    lead: tuple[Block, ...]
    slots: tuple[SignatureSlot, ...]
    date_line: str
    issuer_line: str


@dataclass(frozen=True)
class Together:
    blocks: tuple[Block, ...]


Block = Para | Gap | Grid | Manifest | Signatures | Together


@dataclass
class PlacedBox:
    field_name: str
    role: str
    page: int
    rect: tuple[float, float, float, float]


@dataclass
class Placement:
    """Where the signature boxes landed, filled in while the story is drawn."""

    boxes: list[PlacedBox] = field(default_factory=list)


BOX_WIDTH = 72 * mm
BOX_HEIGHT = 26 * mm


class SignatureBoxes(Flowable):
    """Room for the signatures, side by side, each with its label and the signer's
    name; records where each box lands (page and rectangle) for the signing step."""

    def __init__(self, slots: Sequence[SignatureSlot], styles: Styles, placement: Placement):
        super().__init__()
        self._slots = list(slots)
        self._styles = styles
        self._placement = placement
        self._labels = [paragraph(slot.label, "signature", styles) for slot in slots]
        self.height = BOX_HEIGHT + 22

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        for label in self._labels:
            label.wrap(BOX_WIDTH, 30)
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = (self.width - BOX_WIDTH * len(self._slots)) / max(1, len(self._slots) - 1 or 1)
        for index, (slot, label) in enumerate(zip(self._slots, self._labels, strict=True)):
            x = index * (BOX_WIDTH + gap)
            label.drawOn(canvas, x, BOX_HEIGHT + 4)
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#9A9A9A"))
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 2)
            canvas.rect(x, 0, BOX_WIDTH, BOX_HEIGHT, stroke=1, fill=0)
            canvas.restoreState()
            left, bottom = canvas.absolutePosition(x, 0)
            self._placement.boxes.append(
                PlacedBox(
                    slot.field_name,
                    slot.role,
                    canvas.getPageNumber() - 1,
                    (round(left, 2), round(bottom, 2), round(left + BOX_WIDTH, 2),
                     round(bottom + BOX_HEIGHT, 2)),
                )
            )  # fmt: skip


def paragraph(text: str, style: str, styles: Styles) -> Paragraph:
    """A Paragraph of escaped markup in one of the document's styles (Chinese inside an
    English document set in the Chinese fallback face)."""
    return Paragraph(with_fallback(text, styles.cjk_fallback), getattr(styles, style))


def flowables(blocks: Sequence[Block], styles: Styles, placement: Placement) -> list[Flowable]:
    """The Platypus story for ``blocks``."""
    out: list[Flowable] = []
    for block in blocks:
        out += _flowables(block, styles, placement)
    return out


def _flowables(block: Block, styles: Styles, placement: Placement) -> list[Flowable]:
    if isinstance(block, Para):
        return [paragraph(block.markup, block.style, styles)]
    if isinstance(block, Gap):
        return [Spacer(1, block.height)]
    if isinstance(block, Grid):
        return [_table(block, styles)]
    if isinstance(block, Manifest):
        text = [
            paragraph(block.label, "cell_head", styles),
            paragraph(block.digest, "cell_hash", styles),
            paragraph(block.note, "note", styles),
        ]
        table = Table([[QrCode(block.qr_data, 30 * mm), text]], colWidths=[33 * mm, None])
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), styles.body_font, 8.5),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ]
            )
        )
        return [KeepTogether([Spacer(1, 4), table])]
    if isinstance(block, Signatures):
        lead: list[Flowable] = []
        for part in block.lead:
            lead += _flowables(part, styles, placement)
        return [
            CondPageBreak(BOX_HEIGHT + 90),
            KeepTogether(
                [
                    *lead,
                    Spacer(1, 10),
                    SignatureBoxes(block.slots, styles, placement),
                    paragraph(block.issuer_line, "date", styles),
                    paragraph(block.date_line, "date", styles),
                ]
            ),
        ]
    inner: list[Flowable] = []
    for part in block.blocks:
        inner += _flowables(part, styles, placement)
    return [KeepTogether(inner)]


def _table(grid: Grid, styles: Styles) -> Table:
    rows = []
    for index, row in enumerate(grid.rows):
        cells = []
        for column, text in enumerate(row):
            if index < grid.header:
                name = "cell_head"
            else:
                name = grid.cell_styles[column] if column < len(grid.cell_styles) else "cell"
            cells.append(paragraph(text, name, styles))
        rows.append(cells)
    table = Table(rows, colWidths=list(grid.widths), repeatRows=grid.header)
    commands: list[tuple[object, ...]] = [
        # A table sets its cells' font even when they hold paragraphs: never Helvetica.
        ("FONT", (0, 0), (-1, -1), styles.body_font, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid.boxed:
        commands += [("GRID", (0, 0), (-1, -1), 0.4, RULE)]
    if grid.header:
        commands += [("BACKGROUND", (0, 0), (-1, grid.header - 1), HEAD_FILL)]
    table.setStyle(TableStyle(commands))
    return table
