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
from collections.abc import Sequence
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator
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
from app.contract.language import Language
from app.contract.patterns import USERNAME_PATTERN
from app.contract.problems import Problem, problems_from
from app.vocabulary.catalog import words

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
Username = Annotated[str, StringConstraints(pattern=USERNAME_PATTERN)]

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
    """Publish a notice: an approved one already on the platform (``document_id``), or a
    notice a supervisor drafted and checked on their desk (``sha256``, uploaded first
    with PUT /documents). Exactly one of the two."""

    type: Literal["publish_notice"]
    document_id: Id | None = None
    sha256: Sha256 | None = Field(
        default=None, description="a notice PDF uploaded first with PUT /documents"
    )

    @model_validator(mode="after")
    def _one_notice(self) -> PublishNoticeAction:
        if (self.document_id is None) == (self.sha256 is None):
            raise ValueError("name the notice by document_id or by sha256, exactly one")
        return self


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
    """A request body that cannot be accepted: ``code`` is ``bad_request`` or ``invalid``.

    ``problems`` say what is wrong in any language (``text(language)``). ``message`` and
    ``details`` are the error body's fields, in English: the API's language.
    """

    def __init__(
        self, code: Literal["bad_request", "invalid"], problems: Sequence[Problem]
    ) -> None:
        self.code = code
        self.problems = tuple(problems)
        super().__init__(code, self.problems)

    def text(self, language: Language | None = None) -> str:
        """The first problem: ``to: must not be empty``, ``the body is not valid JSON (…)``."""
        first = self.problems[0]
        if self.code == "bad_request":
            return words("contract.body_is", problem=first.what).text(language)
        return first.text(language)

    def __str__(self) -> str:
        return self.text()

    @property
    def message(self) -> str:
        return self.text("en")

    @property
    def details(self) -> dict[str, str]:
        """Field → reason in English, the first reason per field (``{}`` for a bad request)."""
        if self.code == "bad_request":
            return {}
        found: dict[str, str] = {}
        for problem in self.problems:
            found.setdefault(problem.where or "(body)", problem.what.text("en"))
        return found


def action_problems(error: _PydanticValidationError) -> tuple[Problem, ...]:
    """What is wrong with an action body, fields named without the action's tag."""
    return problems_from(error, tagged_union=True)


def _body_error(problems: tuple[Problem, ...]) -> BodyError:
    first = problems[0]
    if not first.where and first.code in ("not_json", "not_an_object"):
        return BodyError("bad_request", problems[:1])
    return BodyError("invalid", problems)


def parse_action(body: bytes) -> Action:
    """Parse an action body strictly, or raise :class:`BodyError`."""
    try:
        return ACTION_ADAPTER.validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _body_error(action_problems(exc)) from None


def parse_login(body: bytes) -> LoginRequest:
    try:
        return LoginRequest.model_validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _body_error(problems_from(exc)) from None


def parse_evidence_meta(body: bytes | str) -> EvidenceMeta:
    try:
        return EvidenceMeta.model_validate_json(body, strict=True)
    except _PydanticValidationError as exc:
        raise _body_error(problems_from(exc)) from None


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
    "action_problems",
    "file_etag",
    "is_idempotency_key",
    "parse_action",
    "parse_evidence_meta",
    "parse_login",
    "parse_version_tag",
    "version_etag",
]
