"""The shipped fonts, registered once per process, and Chinese line breaking.

Body text is AR PL UMing (a Ming/Song face: UMing CN for Simplified, UMing TW for
Traditional Chinese) or, in English documents, Liberation Serif with UMing for any
Chinese in them (names, the mediator's own words); titles and headings are WenQuanYi
Micro Hei. All are TrueType-outline fonts in ``resources/fonts/`` (licences beside them), read
through :func:`app.resources.resource_folder` — never a system path — and embedded as
subsets with a ToUnicode map. ReportLab's built-in CID fonts are never used: they are
not embedded.

ReportLab's CJK wrapping keeps a list of characters that may not start a line; it
lacks the full-width ，：；！？ and a few closing brackets. :func:`register_fonts` adds
them (both modules hold their own copy of the list).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from app.contract.language import Language
from app.resources import resource_folder

# Characters that may never start a line (GB/T 15834 and the Taiwanese usage): closing
# punctuation and brackets, full-width and half-width.
NO_LINE_START = "，。、：；！？）」』》〉】〕］｝〗〙〛’”…‥·・%‰℃°′″)]}!?,.:;"
# Characters that may never end a line: opening brackets and quotes.
NO_LINE_END = "（「『《〈【〔［｛〖〘〚‘“([{"


@dataclass(frozen=True)
class FontSet:
    body: str
    heading: str
    cjk_fallback: str | None  # for Chinese inside a document whose body font has none


_FACES = {
    "zh-Hans": ("MDBodySC", 0),
    "zh-Hant": ("MDBodyTC", 2),
}
LATIN = "MDBodyEN"
HEADING = "MDHeading"
# What the Latin body font leaves to the fallback: CJK ideographs, kana, full-width forms
# and CJK punctuation.
CJK_RUN = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]+")
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped faces with ReportLab and widen the no-line-start list
    (once per process; about 70 ms)."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib import textsplit
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.platypus import paragraph

        folder = resource_folder("fonts")
        for name, index in set(_FACES.values()):
            pdfmetrics.registerFont(TTFont(name, str(folder / "uming.ttc"), subfontIndex=index))
        pdfmetrics.registerFont(TTFont(HEADING, str(folder / "wqy-microhei.ttc"), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(LATIN, str(folder / "LiberationSerif-Regular.ttf")))
        for name in (LATIN, HEADING, *(face for face, _ in _FACES.values())):
            # One face per family: no bold or italic is ever asked for.
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
        # Every page would otherwise reference Helvetica (not embedded, so not PDF/A).
        from reportlab import rl_config

        rl_config.canvas_basefontname = _FACES["zh-Hans"][0]
        extra = "".join(c for c in NO_LINE_START if c not in textsplit.ALL_CANNOT_START)
        textsplit.ALL_CANNOT_START += extra
        paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
        _registered = True


def fonts_for(language: Language) -> FontSet:
    register_fonts()
    if language == "en":
        return FontSet(body=LATIN, heading=HEADING, cjk_fallback=_FACES["zh-Hans"][0])
    return FontSet(body=_FACES[language][0], heading=HEADING, cjk_fallback=None)


def with_fallback(markup: str, fallback: str | None) -> str:
    """Paragraph markup with every run of Chinese set in ``fallback`` (None: unchanged)."""
    if fallback is None:
        return markup
    return CJK_RUN.sub(lambda run: f'<font face="{fallback}">{run.group(0)}</font>', markup)


def covers(font_name: str, text: str) -> list[str]:
    """The characters of ``text`` the registered font has no glyph for."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    font = pdfmetrics.getFont(font_name)
    cmap = font.face.charToGlyph
    return sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
