"""Rendering a decision record: Platypus on A4, a case-number header and a page x of y
footer on every page, then the PDF/A-2b form (:mod:`reports.archival`).

The same record always gives the same bytes: ReportLab runs ``invariant`` (no clock,
no random id), the fonts are the shipped ones, and the archival step sets the dates
from the document date and the file id from the record.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.contract.language import Language
from app.documents.records import DecisionRecord
from app.documents.rendering import RenderedDocument, SignatureBox
from reports.archival import make_archival
from reports.blocks import Block, Placement, flowables
from reports.fonts import fonts_for
from reports.story import story_blocks
from reports.styles import FAINT, RULE, styles_for
from reports.templates import template

MARGIN_X = 25 * mm
MARGIN_TOP = 28 * mm
MARGIN_BOTTOM = 24 * mm

Decorate = Callable[[Canvas, int], None]


class _NumberedCanvas(Canvas):
    """Holds every page back until the end, so each footer can say how many there are."""

    def __init__(self, *args: Any, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._decorate(self, total)
            super().showPage()
        super().save()


def page_furniture(
    language: Language,
    header_left: str,
    header_right: str,
    footer: Callable[[int, int], str],
    footer_left: str,
    footer_right: str = "",
) -> Decorate:
    """What every page of every document carries: the issuer and case number over a
    rule at the top, page x of y between two small notes at the bottom. One drawing for
    rulings and notices alike, so they look like papers of the same office."""
    fonts = fonts_for(language)
    width, height = A4

    def decorate(canvas: Canvas, total: int) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFillColor(FAINT)
        canvas.setFont(fonts.body, 8.5)
        top = height - MARGIN_TOP + 9 * mm
        canvas.drawString(MARGIN_X, top, header_left)
        canvas.drawRightString(width - MARGIN_X, top, header_right)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        bottom = MARGIN_BOTTOM - 12 * mm
        canvas.setLineWidth(0.3)
        canvas.line(MARGIN_X, bottom + 4.5 * mm, width - MARGIN_X, bottom + 4.5 * mm)
        canvas.setFont(fonts.body, 9)
        canvas.drawCentredString(width / 2, bottom, footer(page, total))
        canvas.setFont(fonts.body, 7)
        canvas.drawString(MARGIN_X, bottom, footer_left)
        if footer_right:
            canvas.drawRightString(width - MARGIN_X, bottom, footer_right)
        canvas.restoreState()

    return decorate


def _decoration(record: DecisionRecord) -> Decorate:
    case = record.case
    t = template(case.language)
    return page_furniture(
        case.language,
        t("page.header_left", issuer=t("issuer")),
        t("page.header_right", case_id=case.case_id),
        lambda page, total: t("page.footer", page=page, pages=total),
        t("page.footer_left", document_id=case.document_id, version=case.version),
        t("page.footer_right", digest_start=case.evidence_manifest_sha256[:16]),
    )


def build_story_pdf(record: DecisionRecord, story: Sequence[Flowable]) -> bytes:
    """ReportLab alone: ``story`` on the document's pages, as PDF bytes (no PDF/A step)."""
    fonts = fonts_for(record.case.language)
    t = template(record.case.language)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=t(f"title.{record.kind}"),
        author=t("issuer"),
        invariant=1,
        initialFontName=fonts.body,
        initialFontSize=11,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        A4[0] - 2 * MARGIN_X,
        A4[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    decorate = _decoration(record)

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(*args, decorate=decorate, **kwargs)

    document.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


def story_for(record: DecisionRecord, placement: Placement) -> list[Flowable]:
    return flowables(story_blocks(record), styles_for(record.case.language), placement)


def flowables_for(
    record: DecisionRecord, blocks: Sequence[Block], placement: Placement
) -> list[Flowable]:
    return flowables(blocks, styles_for(record.case.language), placement)


def render_record(record: DecisionRecord) -> RenderedDocument:
    """The record as an archival PDF, with where the signature boxes are."""
    placement = Placement()
    raw = build_story_pdf(record, story_for(record, placement))
    data, pages = make_archival(raw, record)
    boxes = tuple(
        SignatureBox(box.field_name, box.role, box.page, box.rect) for box in placement.boxes
    )
    return RenderedDocument(data=data, page_count=pages, signature_boxes=boxes)
