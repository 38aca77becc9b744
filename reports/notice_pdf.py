"""Rendering a public notice (结果公示): the same fonts, styles, page furniture and
PDF/A-2b step as the decision documents (:mod:`reports.pdf`, :mod:`reports.archival`).

The record's texts are already anonymized; every one still goes through
:func:`reports.blocks.markup` (escaped) like any untrusted text. The wording is
``resources/documents/notice/<language>.toml``; :func:`render_notice` takes another
:class:`~reports.templates.Template` for tests (a template that leaks must be caught by
the publication gate, not by the renderer).
"""

from __future__ import annotations

import hashlib
import io
import re
import tomllib
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from app import __version__
from app.contract.language import Language
from app.documents.rendering import RenderedDocument
from app.notices.records import NoticeRecord, notice_digest
from app.vocabulary import Label
from reports.archival import PRODUCER, archive
from reports.blocks import Block, Gap, Grid, Para, Placement, flowables, markup
from reports.fonts import fonts_for
from reports.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, _NumberedCanvas, page_furniture
from reports.styles import styles_for
from reports.templates import Template, templates_folder

TEXT_WIDTH = A4[0] - 2 * MARGIN_X


@cache
def notice_template(language: Language) -> Template:
    """The notice wording for ``language`` (read once per process)."""
    with (templates_folder() / "notice" / f"{language}.toml").open("rb") as file:
        return Template(language, tomllib.load(file))


def notice_blocks(record: NoticeRecord, t: Template) -> list[Block]:
    """What the notice says, as blocks: title, the published facts in a table, the
    facts found, the reasons, how to object."""
    language = record.language

    def day(value: date) -> str:
        if t.chinese:
            return t("date.short", year=value.year, month=value.month, day=value.day)
        month = t.items("date.months")[value.month - 1]
        return t("date.short", year=value.year, month=month, day=value.day)

    if record.source_kind == "dismissal":
        basis = record.outcome.code if record.outcome else "malicious"
        outcome = t(f"value.dismissal_{basis}")
    elif record.outcome is not None:
        outcome = record.outcome.text
    else:
        outcome = t("value.settlement")
    rules = t("list_separator").join(rule.text for rule in record.rules_relied_on) or t("none")
    rows = [
        (t("label.case_id"), markup(record.case_id)),
        (
            t("label.category"),
            markup(
                t(
                    "value.category",
                    category=Label("Category", record.category).text(language),
                    reason=Label("Reason", record.reason).text(language),
                )
            ),
        ),
        (t("label.goods"), markup(record.goods) or t("none")),
        (t("label.shop"), markup(record.shop_name) or t("none")),
        (t("label.buyer"), markup(t("value.buyer", buyer=record.buyer))),
        (t("label.outcome"), markup(outcome)),
        (t("label.rules"), markup(rules)),
        (t("label.team"), markup(t("value.team"))),
        (t("label.published"), markup(day(record.publication_date))),
        (
            t("label.validity"),
            markup(t("value.validity", days=record.validity_days, until=day(record.valid_until))),
        ),
    ]
    blocks: list[Block] = [
        Para(markup(t("issuer")), "issuer"),
        Para(markup("\u2002".join(t("title")) if t.chinese else t("title")), "title"),
        Para(markup(t("number", notice_id=record.notice_id, case_id=record.case_id)), "meta"),
        Gap(6),
        Grid(
            rows=tuple((markup(label), value) for label, value in rows),
            widths=(32 * mm, TEXT_WIDTH - 32 * mm),
            header=0,
            cell_styles=("cell_head", "cell"),
        ),
        Gap(4),
    ]
    sections = [key for key in ("summary", "reasoning") if getattr(record, key).strip()]
    for number, key in enumerate(sections, start=1):
        text: str = getattr(record, key)
        blocks.append(Para(markup(_numbered(t(f"heading.{key}"), number, t.chinese)), "heading"))
        for part in (p.strip() for p in text.replace("\r\n", "\n").split("\n")):
            if part:
                blocks.append(Para(markup(part), "body"))
    objection = _numbered(t("heading.objection"), len(sections) + 1, t.chinese)
    blocks.append(Para(markup(objection), "heading"))
    blocks.append(Para(markup(t("text.objection")), "body"))
    blocks.append(Gap(8))
    if record.settled_override:
        blocks.append(Para(markup(t("text.settled_override")), "note"))
    blocks.append(Para(markup(t("text.privacy")), "note"))
    return blocks


_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\.\s*)")
_CHINESE_NUMBERS = "一二三四五六七八九"


def _numbered(heading: str, number: int, chinese: bool) -> str:
    """The template's heading numbered by its place among the sections printed (a notice
    without findings of fact starts at 一、), not by its place in the template."""
    bare = _HEADING_NUMBER.sub("", heading)
    if bare == heading:
        return heading  # a template that does not number its headings
    return f"{_CHINESE_NUMBERS[number - 1]}、{bare}" if chinese else f"{number}. {bare}"


def _decoration(record: NoticeRecord, t: Template) -> Any:
    return page_furniture(
        record.language,
        t("page.header_left", issuer=t("issuer")),
        t("page.header_right", case_id=record.case_id),
        lambda page, total: t("page.footer", page=page, pages=total),
        t("page.footer_left", notice_id=record.notice_id, version=record.version),
    )


def render_notice(record: NoticeRecord, wording: Template | None = None) -> RenderedDocument:
    """The notice as an archival PDF (PDF/A-2b), deterministic for the same record."""
    t = wording or notice_template(record.language)
    fonts = fonts_for(record.language)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=t("title"),
        author=t("issuer"),
        invariant=1,
        initialFontName=fonts.body,
        initialFontSize=11,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        A4[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    decorate = _decoration(record, t)

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        return _NumberedCanvas(*args, decorate=decorate, **kwargs)

    story = flowables(notice_blocks(record, t), styles_for(record.language), Placement())
    document.build(story, canvasmaker=canvasmaker)
    digest = notice_digest(record)
    data, pages = archive(
        buffer.getvalue(),
        fields={
            "Title": f"{t('title')} {record.case_id}",
            "Author": t("issuer"),
            "Subject": t("number", notice_id=record.notice_id, case_id=record.case_id),
            "Keywords": f"{record.case_id}, {record.notice_id}, notice",
            "Creator": f"Mediation Desk {__version__}",
            "Producer": PRODUCER,
        },
        own={
            "caseId": record.case_id,
            "documentId": record.notice_id,
            "documentKind": "notice",
            "version": str(record.version),
            "language": record.language,
            "recordSha256": digest,
            "sourceDocumentId": record.source_document_id,
            "sourceSha256": record.source_sha256,
            "supersedesSha256": record.supersedes or "",
        },
        day=record.publication_date,
        lang=t("pdf_language"),
        identifier=hashlib.sha256(b"mediation-desk notice id\0" + digest.encode()).digest()[:16],
    )
    return RenderedDocument(data=data, page_count=pages, signature_boxes=())
