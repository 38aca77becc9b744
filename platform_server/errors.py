"""The platform's expected errors: the API's, each carrying the documented
``{"error", "message"}`` body, and its command line's (its own classes: the server
shares only the contract with the desk, never the desk's errors)."""

from __future__ import annotations

from typing import Any

from app.contract.wire import ERROR_STATUS, BodyError


class ApiError(Exception):
    """An answer other than success, with the status its code is documented with."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status if status is not None else ERROR_STATUS[code]
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


def invalid(message: str, **details: str) -> ApiError:
    """A 422 whose ``details`` name each field at fault."""
    return ApiError("invalid", message, details=details or {"(body)": message})


def not_found(what: str) -> ApiError:
    return ApiError("not_found", f"No such {what}, or it is not visible to you.")


def forbidden(message: str) -> ApiError:
    return ApiError("forbidden", message)


def body_error(exc: BodyError) -> ApiError:
    """A request body the contract's parser refused: 400 malformed, 422 unacceptable."""
    if exc.code == "bad_request":
        return ApiError("bad_request", exc.message)
    return ApiError("invalid", exc.message, details=exc.details)


class CommandError(Exception):
    """A ``platform`` command that cannot go on: one line to stderr and an exit code.

    The codes are the desk's for the same kinds of failure (2 invalid input, 3 not
    found, 1 anything else), so scripts read both the same way.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CommandInputError(CommandError):
    """An option or bundle the command refuses."""

    exit_code = 2


class CommandNotFound(CommandError):
    """A data folder (or other thing named on the command line) that does not exist."""

    exit_code = 3
