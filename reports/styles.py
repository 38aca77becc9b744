"""Paragraph and table styles of decision documents, per language (built once)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from app.contract.language import Language
from reports.fonts import fonts_for

INK = colors.HexColor("#111111")
RULE = colors.HexColor("#444444")
FAINT = colors.HexColor("#666666")
HEAD_FILL = colors.HexColor("#EEEEEE")


@dataclass(frozen=True)
class Styles:
    body_font: str
    heading_font: str
    cjk_fallback: str | None
    issuer: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    note: ParagraphStyle
    party: ParagraphStyle
    party_detail: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_hash: ParagraphStyle
    signature: ParagraphStyle
    date: ParagraphStyle
    page: ParagraphStyle


@cache
def styles_for(language: Language) -> Styles:
    fonts = fonts_for(language)
    body, heading = fonts.body, fonts.heading
    chinese = language != "en"
    wrap = "CJK" if chinese else None
    size = 11.5 if chinese else 11
    leading = size * (1.75 if chinese else 1.45)

    def style(name: str, **options: object) -> ParagraphStyle:
        options.setdefault("fontName", body)
        options.setdefault("fontSize", size)
        options.setdefault("leading", leading)
        options.setdefault("textColor", INK)
        if wrap:
            options.setdefault("wordWrap", wrap)
        return ParagraphStyle(name, **options)

    return Styles(
        body_font=body,
        heading_font=heading,
        cjk_fallback=fonts.cjk_fallback,
        issuer=style("issuer", fontName=heading, fontSize=14, leading=20, alignment=TA_CENTER),
        title=style(
            "title",
            fontName=heading,
            fontSize=24 if chinese else 22,
            leading=34,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=6,
        ),
        meta=style("meta", fontSize=10, leading=15, alignment=TA_RIGHT),
        note=style("note", fontSize=8.5, leading=12.5, textColor=FAINT),
        party=style("party", fontName=heading, fontSize=size, leading=leading, spaceBefore=3),
        party_detail=style(
            "party_detail", fontSize=10, leading=15, leftIndent=2 * size if chinese else 14
        ),
        heading=style(
            "heading",
            fontName=heading,
            fontSize=12.5,
            leading=20,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=style(
            "body",
            alignment=TA_JUSTIFY if chinese else TA_LEFT,
            firstLineIndent=2 * size if chinese else 0,
            spaceAfter=3 if chinese else 6,
        ),
        item=style(
            "item",
            leftIndent=2 * size if chinese else 16,
            firstLineIndent=0,
            spaceAfter=2,
        ),
        cell=style("cell", fontSize=8.5, leading=12),
        cell_head=style("cell_head", fontName=heading, fontSize=8.5, leading=12),
        cell_hash=style("cell_hash", fontSize=6.6, leading=8.6, wordWrap="CJK"),
        signature=style("signature", fontName=heading, fontSize=10.5, leading=16),
        date=style("date", alignment=TA_RIGHT, spaceBefore=6),
        page=style("page", fontSize=8.5, leading=10, textColor=FAINT),
    )
