"""The text of a PDF, as a reader's tool would copy it: for the publication gate.

PDFium (pypdfium2) reads the page content through each font's ToUnicode map, the same
way a viewer's "copy text" or poppler's ``pdftotext`` does, so what the gate checks is
what anyone who downloads the notice can read out of it. In process: no subprocess per
notice.
"""

from __future__ import annotations

import threading

# PDFium is not thread-safe, not even across documents: one call at a time in the whole
# process (https://pypdfium2-team.github.io/pypdfium2/python_api.html). The desk's page
# previews (ui.evidence_loading) take the same lock.
PDFIUM_LOCK = threading.Lock()


def extract_pdf_text(data: bytes) -> str:
    """Every page's text, pages separated by a form feed."""
    with PDFIUM_LOCK:
        return _extract_locked(data)


def _extract_locked(data: bytes) -> str:
    # Imported here, not at the top: loading PDFium costs every command's start-up (a
    # sync never extracts text) what only the gate needs.
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            try:
                pages.append(text_page.get_text_range())
            finally:
                text_page.close()
                page.close()
        return "\f".join(pages)
    finally:
        document.close()
