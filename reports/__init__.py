"""PDF documents: decision documents rendered from their records (``render_record``),
public notices (``render_notice``) and the text a reader can copy out of a PDF
(``extract_pdf_text``, for the publication gate); signatures follow (issue 13). Never
imports ``ui``."""

from reports.notice_pdf import render_notice
from reports.pdf import render_record
from reports.pdf_text import extract_pdf_text

__all__ = ["extract_pdf_text", "render_notice", "render_record"]
