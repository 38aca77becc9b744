"""The anonymizer of public notices (issue 14): pure functions, no Qt, no PDF, no store.

- :func:`anonymize` / :func:`anonymize_case` — a case and the texts to publish in,
  the published texts and every :class:`Redaction` (field, span, kind, rule) out;
- :func:`known_data` — every known datum of a case with its spellings, and
  :func:`find_known_data` to look for them in any text;
- :func:`detect` — every detector over any text (a PDF's extracted text), as
  :class:`Hit` s that never carry the value found.

The rules are explained in ``docs/anonymization.md``.
"""

from app.anonymize.detectors import Hit, detect
from app.anonymize.engine import Anonymized, Redaction, anonymize, anonymize_case, publishable_texts
from app.anonymize.kinds import (
    CONFIDENCES,
    KINDS,
    RULES,
    Confidence,
    Kind,
    Rule,
    kind_words,
    rule_words,
)
from app.anonymize.known import KnownDatum, find_known_data, known_data
from app.anonymize.normalise import normalise

__all__ = [
    "CONFIDENCES",
    "KINDS",
    "RULES",
    "Anonymized",
    "Confidence",
    "Hit",
    "Kind",
    "KnownDatum",
    "Redaction",
    "Rule",
    "anonymize",
    "anonymize_case",
    "detect",
    "find_known_data",
    "kind_words",
    "known_data",
    "normalise",
    "publishable_texts",
    "rule_words",
]
