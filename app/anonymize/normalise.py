"""One normal form for matching, of exactly the same length as the text it came from.

Full-width digits and letters (１３８…, Ｅ１２…), the ideographic space, the many
dashes and middle dots, non-breaking and zero-width spaces all become their plain ASCII
(or ``·``) counterparts, one character for one character, so a span found in the
normal form is the same span in the original text.
"""

from __future__ import annotations

_TABLE: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: " ", 0x00A0: " ", 0x202F: " ", 0x205F: " "})
_TABLE.update({code: " " for code in range(0x2000, 0x200B)})  # en/em/thin spaces
# Zero-width characters hide inside numbers; as a space they are just a separator.
_TABLE.update({code: " " for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})
_TABLE.update(
    {code: "-" for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63)}
)
# The middle dots of transliterated names: U+00B7 is the one kept.
_TABLE.update({code: "·" for code in (0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF65, 0x318D)})
# Line breaks inside a number (text extracted from a PDF) are separators too.
_TABLE.update({0x0D: " ", 0x09: " "})

DOTS = "·"


def normalise(text: str) -> str:
    """``text`` in the normal form, character for character (same length, same places)."""
    return text.translate(_TABLE)
