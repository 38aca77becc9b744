"""The wire protocol of the platform sync API, version 1 (``docs/platform-api.md``).

Shared by the desk (client) and the reference platform (server) so that both read and
write the same bodies: error codes and their HTTP statuses, the session, the changes
feed, the action bodies, evidence upload metadata, and the header spellings
(``If-Match: "v7"``, ``ETag: "sha256:<hex>"``).

Request bodies are parsed strictly (:func:`parse_action`, :func:`parse_login`): unknown
fields, wrong JSON types and times without a UTC offset are refused, never coerced.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter
from pydantic import ValidationError as _PydanticValidationError

from app.contract.case_document import (
    Actor,
    CaseDocument,
    CaseStatus,
    DecisionKind,
    DecisionRemedy,
    DocumentKind,
    Evidence,
    EvidenceKind,
    Id,
    MessageChannel,
    Money,
    Outcome,
    Remedy,
    ResponseDecision,
    Sanction,
    Sha256,
    ShortText,
    Text,
    Time,
    Verdict,
)

API_PREFIX: Final = "/api/v1"

# Header names (HTTP headers are case-insensitive; these are the documented spellings).
IDEMPOTENCY_KEY: Final = "Idempotency-Key"
IF_MATCH: Final = "If-Match"
RETRY_AFTER: Final = "Retry-After"

ErrorCode = Literal[
    "bad_request",
    "unauthenticated",
    "forbidden",
    "not_found",
    "version_conflict",
    "precondition_required",
    "too_large",
    "invalid",
    "throttled",
    "unavailable",
]

#: The HTTP status each documented error code is sent with.
ERROR_STATUS: Final[dict[str, int]] = {
    "bad_request": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "version_conflict": 409,
    "precondition_required": 412,
    "too_large": 413,
    "invalid": 422,
    "throttled": 429,
    "unavailable": 503,
}

Role = Literal["mediator", "supervisor"]
Username = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]{1,64}$")]

# An Idempotency-Key: a UUID4 in practice; any short token of safe characters is accepted.
IDEMPOTENCY_KEY_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---------------------------------------------------------------------------------------
# Errors


class ErrorBody(BaseModel):
    """Every error: ``{"error": code, "message": text, ...details}``.

    Clients ignore unknown fields and treat unknown codes by their HTTP status.
    """

    model_config = ConfigDict(extra="allow")

    error: str
    message: str
    details: dict[str, str] | None = None
    current_version: int | None = None


# ---------------------------------------------------------------------------------------
# Session


class LoginRequest(_Body):
    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class UserInfo(BaseModel):
    username: str
    display_name: str
    role: Role


class SessionResponse(BaseModel):
    token: str
    expires_at: str = Field(description="RFC 3339 time with offset")
    user: UserInfo


# ---------------------------------------------------------------------------------------
# Changes feed


class Change(BaseModel):
    seq: int
    case_id: str
    version: int
    deleted: bool
    document: CaseDocument | None = Field(
        default=None, description="The case document at `version`; absent when deleted"
    )


class ChangesPage(BaseModel):
    changes: list[Change]
    next_cursor: str
    end_of_stream: bool


# ---------------------------------------------------------------------------------------
# Actions


class MessageAction(_Body):
    type: Literal["message"]
    to: Annotated[list[Id], Field(min_length=1, max_length=20)]
    channel: MessageChannel
    text: Annotated[str, StringConstraints(min_length=1, max_length=20000)]


class RequestEvidenceAction(_Body):
    model_config = ConfigDict(populate_by_name=True)

    type: Literal["request_evidence"]
    from_: Id = Field(alias="from")
    kinds: Annotated[list[EvidenceKind], Field(min_length=1, max_length=11)]
    text: Annotated[str, StringConstraints(min_length=1, max_length=20000)]
    due_at: Time


class ProposeOfferAction(_Body):
    type: Literal["propose_offer"]
    remedy: Remedy
    amount: Money | None = None
    text: Annotated[str, StringConstraints(min_length=1, max_length=20000)]
    expires_at: Time


class RecordResponseAction(_Body):
    type: Literal["record_response"]
    offer_id: Id
    party: Id
    decision: ResponseDecision
    text: Text


class SetStatusAction(_Body):
    type: Literal["set_status"]
    status: CaseStatus
    note: Text


class DecisionInput(_Body):
    """The decision a submitted ruling carries; recorded on the case when approved."""

    kind: DecisionKind
    outcome: Outcome
    remedies: Annotated[list[DecisionRemedy], Field(max_length=20)] | None = None
    sanctions: Annotated[list[Sanction], Field(max_length=10)] | None = None
    appeal_until: Time | None = None


class SubmitDocumentAction(_Body):
    type: Literal["submit_document"]
    kind: DocumentKind
    sha256: Sha256
    decision: DecisionInput | None = None


class ReviewDocumentAction(_Body):
    type: Literal["review_document"]
    document_id: Id
    verdict: Verdict
    comments: Text
    sha256: Sha256 | None = Field(
        default=None, description="the countersigned PDF, uploaded first with PUT /documents"
    )


class PublishNoticeAction(_Body):
    type: Literal["publish_notice"]
    document_id: Id


class CloseAction(_Body):
    type: Literal["close"]
    outcome: Outcome
    note: Text


Action = Annotated[
    MessageAction
    | RequestEvidenceAction
    | ProposeOfferAction
    | RecordResponseAction
    | SetStatusAction
    | SubmitDocumentAction
    | ReviewDocumentAction
    | PublishNoticeAction
    | CloseAction,
    Field(discriminator="type"),
]
ACTION_ADAPTER: Final[TypeAdapter[Action]] = TypeAdapter(Action)

#: Which role may send which action (the platform also checks assignment and authorship).
ACTION_ROLES: Final[dict[str, frozenset[str]]] = {
    "message": frozenset({"mediator"}),
    "request_evidence": frozenset({"mediator"}),
    "propose_offer": frozenset({"mediator"}),
    "record_response": frozenset({"mediator"}),
    "set_status": frozenset({"mediator", "supervisor"}),
    "submit_document": frozenset({"mediator"}),
    "review_document": frozenset({"supervisor"}),
    "publish_notice": frozenset({"supervisor"}),
    "close": frozenset({"mediator", "supervisor"}),
}


class ActionResponse(BaseModel):
    case_version: int
    result: dict[str, Any]


# ---------------------------------------------------------------------------------------
# Evidence and documents


class EvidenceMeta(_Body):
    """The ``meta`` part of an evidence upload (multipart, beside ``file``)."""

    kind: EvidenceKind
    title: ShortText | None = None
    description: Text | None = None
    captured_at: Time | None = None


class DocumentStored(BaseModel):
    sha256: str
    size: int


EvidenceEntry = Evidence


# ---------------------------------------------------------------------------------------
# Parsing helpers


class BodyError(ValueError):
    """A request body that cannot be accepted: ``code`` is ``bad_request`` or ``invalid``."""

    def __init__(self, code: str, message: str, details: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


def _problems(exc: _PydanticValidationError) -> BodyError:
    errors = exc.errors(include_url=False)
    if errors and errors[0]["type"] == "json_invalid":
        return BodyError("bad_request", "the body is not valid JSON")
    if (
        errors
        and errors[0]["type"] in ("model_type", "model_attributes_type")
        and not errors[0]["loc"]
    ):
        return BodyError("bad_request", "the body must be a JSON object")
    details: dict[str, str] = {}
    for error in errors:
        loc = [str(part) for part in error["loc"]]
        # Drop the discriminator tag pydantic inserts ("message.text" → "text").
        if len(loc) > 1 and loc[0] in ACTION_ROLES:
            loc = loc[1:]
        where = ".".join(part.rstrip("_") for part in loc) or "(body)"
        if error["type"] == "union_tag_invalid":
            where, reason = "type", "unknown action type; one of " + ", ".join(ACTION_ROLES)
        elif error["type"] == "union_tag_not_found":
            where, reason = "type", "is required"
        elif error["type"] == "extra_forbidden":
            reason = "unknown field"
        elif error["type"] == "missing":
            reason = "is required"
        else:
            reason = str(error["msg"])
        details.setdefault(where, reason)
    first = next(iter(details.items()))
    return BodyError("invalid", f"{first[0]}: {first[1]}", details)


def parse_action(body: bytes) -> Action:
    """Parse an action body strictly, or raise :class:`BodyError`."""
    try:
        return ACTION_ADAPTER.validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _problems(exc) from None


def parse_login(body: bytes) -> LoginRequest:
    try:
        return LoginRequest.model_validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _problems(exc) from None


def parse_evidence_meta(body: bytes | str) -> EvidenceMeta:
    try:
        return EvidenceMeta.model_validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _problems(exc) from None


def is_idempotency_key(value: str) -> bool:
    return _IDEMPOTENCY_KEY.fullmatch(value) is not None


def version_etag(version: int) -> str:
    """The ETag of a case at ``version`` and the If-Match value naming it: ``"v7"``."""
    return f'"v{version}"'


_VERSION_TAG = re.compile(r'^(?:W/)?"?v(\d{1,18})"?$')


def parse_version_tag(value: str) -> int | None:
    """The version an If-Match header names (``"v7"``; ``v7`` and ``W/"v7"`` accepted)."""
    match = _VERSION_TAG.fullmatch(value.strip())
    return int(match.group(1)) if match else None


def file_etag(sha256: str) -> str:
    """The ETag of evidence and document bytes: ``"sha256:<hex>"``."""
    return f'"sha256:{sha256}"'


__all__ = [
    "ACTION_ROLES",
    "API_PREFIX",
    "ERROR_STATUS",
    "IDEMPOTENCY_KEY",
    "IF_MATCH",
    "RETRY_AFTER",
    "Action",
    "ActionResponse",
    "Actor",
    "BodyError",
    "Change",
    "ChangesPage",
    "CloseAction",
    "DecisionInput",
    "DocumentStored",
    "ErrorBody",
    "ErrorCode",
    "EvidenceEntry",
    "EvidenceMeta",
    "LoginRequest",
    "MessageAction",
    "ProposeOfferAction",
    "PublishNoticeAction",
    "RecordResponseAction",
    "RequestEvidenceAction",
    "ReviewDocumentAction",
    "Role",
    "SessionResponse",
    "SetStatusAction",
    "SubmitDocumentAction",
    "UserInfo",
    "Username",
    "file_etag",
    "is_idempotency_key",
    "parse_action",
    "parse_evidence_meta",
    "parse_login",
    "parse_version_tag",
    "version_etag",
]
