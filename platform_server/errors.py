"""The API's expected errors, each carrying the documented ``{"error", "message"}`` body."""

from __future__ import annotations

from typing import Any

from app.contract.wire import ERROR_STATUS


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
