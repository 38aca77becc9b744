"""Public notices (结果公示, issue 14): the record, built from the latest decision through
the anonymizer; the publication gate over the generated PDF's own text; versions in the
store and publication through the outbox. See ``docs/notices.md``.

- :mod:`~app.notices.records` — what a notice says, already anonymized;
- :mod:`~app.notices.assembly` — building it from a decision record (pure);
- :mod:`~app.notices.platform_decision` — or from the decision the platform recorded,
  on a desk that did not draft it (a supervisor's);
- :mod:`~app.notices.queue` — the cases awaiting their notice (``NoticesToPublish``);
- :mod:`~app.notices.gate` — the publication gate (the extractor is handed in);
- :mod:`~app.notices.service` — draft, preview, list, read, publish.
"""

from app.notices.assembly import (
    DEFAULT_VALIDITY_DAYS,
    NoticeIdentity,
    SettledCaseNotPublished,
    build_notice,
    source_texts,
)
from app.notices.gate import (
    GateFinding,
    NoticeBlocked,
    TextExtractor,
    check_pdf,
    gate_findings,
    require_clean,
)
from app.notices.records import (
    NoticeRecord,
    NoticeRedaction,
    notice_digest,
    notice_from_json,
    notice_to_json,
)

__all__ = [
    "DEFAULT_VALIDITY_DAYS",
    "GateFinding",
    "NoticeBlocked",
    "NoticeIdentity",
    "NoticeRecord",
    "NoticeRedaction",
    "SettledCaseNotPublished",
    "TextExtractor",
    "build_notice",
    "check_pdf",
    "gate_findings",
    "notice_digest",
    "notice_from_json",
    "notice_to_json",
    "require_clean",
    "source_texts",
]
