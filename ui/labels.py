"""Left for the workflow panel and its action dialog only, until their owner moves them
to :func:`app.vocabulary.label_text` (the one vocabulary: ``resources/vocabulary``).

The desk's words for the contract's codes are the core's label tables, said in the
desk's language; nothing new should import this module.
"""

from __future__ import annotations

from app.vocabulary import label_text


def remedy(value: str | None) -> str:
    return label_text("Remedy", value)
