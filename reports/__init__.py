"""PDF documents: decision documents rendered from their records (``render_record``),
public notices (``render_notice``) and the text a reader can copy out of a PDF
(``extract_pdf_text``, for the publication gate); signatures follow (issue 13). Never
imports ``ui``."""

from typing import Any

from reports.pdf import render_record

__all__ = ["extract_pdf_text", "render_notice", "render_record"]


def __getattr__(name: str) -> Any:
    # The notice modules load when first named, not with every command that renders.
    if name == "render_notice":
        from reports.notice_pdf import render_notice

        return render_notice
    if name == "extract_pdf_text":
        from reports.pdf_text import extract_pdf_text

        return extract_pdf_text
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
