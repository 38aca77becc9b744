"""Evidence PDFs made with ReportLab: appraisal reports, invoices, medical records,
carrier statements and ruling drafts, laid out like the paper originals.

Chinese text needs an embedded TrueType CJK font (the built-in CID fonts are not
embedded); without one the caller gets the English wording instead.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from platform_server.demo import fonts

_LOCK = threading.Lock()
_REGISTERED: dict[str, str] = {}


def _font_name(kind: str) -> str | None:
    """Register the CJK font once per process; None when the system has none."""
    with _LOCK:
        if kind in _REGISTERED:
            return _REGISTERED[kind] or None
        found = fonts.cjk_serif() if kind == "serif" else fonts.cjk_sans()
        name = ""
        if found is not None:
            path, index = found
            name = f"DemoCJK-{kind}"
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
        _REGISTERED[kind] = name
        return name or None


def can_write_chinese() -> bool:
    return _font_name("serif") is not None


@dataclass
class PdfSpec:
    """One page: a title block, a table of fields, paragraphs, a signature and a seal."""

    title: str
    number: str = ""
    fields: Sequence[tuple[str, str]] = ()
    sections: Sequence[tuple[str, str]] = ()
    issuer: str = ""
    date_text: str = ""
    seal: str = ""
    subtitle: str = ""
    table: Sequence[Sequence[str]] = field(default_factory=list)
    author: str = ""


def _wrap(text: str, font_name: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if pdfmetrics.stringWidth(line + char, font_name, size) > width and line:
                # Full-width punctuation may not start a line: keep it on this one.
                if char in "，。；：！？、）》」』":
                    line += char
                    continue
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def render(spec: PdfSpec, chinese: bool) -> bytes:
    """Draw the document; ``chinese`` False uses Helvetica (the spec must be English)."""
    body_font = (_font_name("serif") if chinese else None) or "Helvetica"
    bold_font = (_font_name("sans") if chinese else None) or "Helvetica-Bold"
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    page.setTitle(spec.title)
    page.setAuthor(spec.author or spec.issuer)
    width, height = A4
    margin = 56
    y = height - 70
    page.setFont(bold_font, 20)
    page.drawCentredString(width / 2, y, spec.title)
    y -= 22
    if spec.subtitle:
        page.setFont(body_font, 11)
        page.drawCentredString(width / 2, y, spec.subtitle)
        y -= 18
    if spec.number:
        page.setFont(body_font, 10)
        page.drawRightString(width - margin, y, spec.number)
        y -= 14
    page.setLineWidth(1.2)
    page.line(margin, y, width - margin, y)
    y -= 10
    if spec.fields:
        row_h = 22
        label_w = 110
        page.setLineWidth(0.6)
        for label, value in spec.fields:
            lines = _wrap(value, body_font, 10.5, width - 2 * margin - label_w - 12)
            cell_h = max(row_h, 14 * len(lines) + 8)
            page.rect(margin, y - cell_h, label_w, cell_h)
            page.rect(margin + label_w, y - cell_h, width - 2 * margin - label_w, cell_h)
            page.setFont(bold_font, 10.5)
            page.drawString(margin + 6, y - 15, label)
            page.setFont(body_font, 10.5)
            for index, line in enumerate(lines):
                page.drawString(margin + label_w + 6, y - 15 - index * 14, line)
            y -= cell_h
        y -= 16
    if spec.table:
        columns = len(spec.table[0])
        col_w = (width - 2 * margin) / columns
        page.setLineWidth(0.6)
        for row_index, row in enumerate(spec.table):
            page.setFont(bold_font if row_index == 0 else body_font, 10)
            for col, cell in enumerate(row):
                page.rect(margin + col * col_w, y - 20, col_w, 20)
                page.drawString(margin + col * col_w + 5, y - 14, cell)
            y -= 20
        y -= 16
    for heading, text in spec.sections:
        if heading:
            page.setFont(bold_font, 12)
            page.drawString(margin, y, heading)
            y -= 18
        page.setFont(body_font, 11)
        for line in _wrap(text, body_font, 11, width - 2 * margin - 20):
            if y < 150:
                break
            page.drawString(margin + (20 if heading else 0), y, line)
            y -= 17
        y -= 8
    y = min(y, 210)
    page.setFont(body_font, 11)
    if spec.issuer:
        page.drawRightString(width - margin - 20, y - 20, spec.issuer)
    if spec.date_text:
        page.drawRightString(width - margin - 20, y - 42, spec.date_text)
    if spec.seal:
        _seal(page, width - margin - 90, y - 30, spec.seal, bold_font)
    page.showPage()
    page.save()
    return out.getvalue()


def _seal(page: canvas.Canvas, x: float, y: float, text: str, font_name: str) -> None:
    """A red round seal: a ring, a star and the issuer's name around the rim."""
    page.saveState()
    page.setStrokeColorRGB(0.85, 0.1, 0.1)
    page.setFillColorRGB(0.85, 0.1, 0.1)
    page.setLineWidth(2.4)
    radius = 48
    page.circle(x, y, radius)
    star = []
    for index in range(10):
        angle = math.pi / 2 + index * math.pi / 5
        r = 13 if index % 2 == 0 else 5.5
        star.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    path = page.beginPath()
    path.moveTo(*star[0])
    for point in star[1:]:
        path.lineTo(*point)
    path.close()
    page.drawPath(path, fill=1, stroke=0)
    chars = list(text)[:18]
    if chars:
        span = math.radians(min(250, 16 * len(chars)))
        start = math.pi / 2 + span / 2
        page.setFont(font_name, 10)
        for index, char in enumerate(chars):
            angle = start - span * index / max(1, len(chars) - 1)
            cx = x + (radius - 11) * math.cos(angle)
            cy = y + (radius - 11) * math.sin(angle)
            page.saveState()
            page.translate(cx, cy)
            page.rotate(math.degrees(angle) - 90)
            page.drawCentredString(0, -3.5, char)
            page.restoreState()
    page.restoreState()
