"""Decision documents: rulings (裁决书), settlement agreements (调解协议书) and dismissals
(驳回决定), as records the renderer turns into PDFs.

- :mod:`~app.documents.records` — what a document says, one frozen dataclass per kind;
  the evidence manifest; party copies; the record as JSON.
- :mod:`~app.documents.assembly` — building a record from the case and its workflow
  (pure; refuses, naming what is missing, while the workflow has not produced it).
- :mod:`~app.documents.rendering` — what a renderer must give back (the core never
  imports ReportLab; ``reports.render_record`` is handed in by the entry points).
- :mod:`~app.documents.service` — versions in the store: draft, list, read, export.

See ``docs/documents.md``.
"""

from app.documents.assembly import DocumentNotReady, DraftSource, build_record, kind_at
from app.documents.records import (
    DOCUMENT_KINDS,
    DecisionRecord,
    Dismissal,
    DocumentKind,
    PartySide,
    Ruling,
    SettlementAgreement,
    for_party,
    manifest_digest,
    record_from_json,
    record_to_json,
)
from app.documents.rendering import RenderedDocument, Renderer, SignatureBox
from app.documents.service import (
    DocumentVersion,
    DraftingState,
    DraftResult,
    document_record,
    draft_document,
    drafting_state,
    export_document,
    list_documents,
    read_document,
)

__all__ = [
    "DOCUMENT_KINDS",
    "DecisionRecord",
    "Dismissal",
    "DocumentKind",
    "DocumentNotReady",
    "DocumentVersion",
    "DraftResult",
    "DraftSource",
    "DraftingState",
    "PartySide",
    "RenderedDocument",
    "Renderer",
    "Ruling",
    "SettlementAgreement",
    "SignatureBox",
    "build_record",
    "document_record",
    "draft_document",
    "drafting_state",
    "export_document",
    "for_party",
    "kind_at",
    "list_documents",
    "manifest_digest",
    "read_document",
    "record_from_json",
    "record_to_json",
]
