"""Pure rules of sync: when to wait and retry, which platform changes conflict with which actions."""

from __future__ import annotations

import threading

import pytest

from app.errors import SyncCancelled
from app.sync.client import Retryable
from app.sync.reconcile import conflicting_reasons
from app.sync.retry import RetryPolicy, with_retries


def test_retry_after_from_the_server_is_the_wait_used() -> None:
    waits: list[float] = []
    answers = iter([Retryable("busy", retry_after=0.3), Retryable("busy", retry_after=0.0), "ok"])

    def action() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    cancel = threading.Event()
    result = with_retries(
        action, RetryPolicy(attempts=5), cancel, on_retry=lambda exc, delay: waits.append(delay)
    )
    assert result == "ok"
    assert waits[0] == 0.3  # honoured exactly
    assert waits[1] == 0.0


def test_a_huge_retry_after_is_capped() -> None:
    waits: list[float] = []
    calls = iter([Retryable("busy", retry_after=100000.0), "ok"])

    def action() -> str:
        answer = next(calls)
        if isinstance(answer, Exception):
            raise answer
        return answer

    policy = RetryPolicy(max_retry_after=0.01)
    with_retries(action, policy, threading.Event(), on_retry=lambda exc, delay: waits.append(delay))
    assert waits == [0.01]


def test_retries_stop_after_the_policy_allows_and_raise_the_last_failure() -> None:
    count = 0

    def action() -> None:
        nonlocal count
        count += 1
        raise Retryable("down", retry_after=0.0)

    with pytest.raises(Retryable):
        with_retries(action, RetryPolicy(attempts=3), threading.Event())
    assert count == 3


def test_a_cancel_interrupts_the_wait_at_once() -> None:
    cancel = threading.Event()

    def action() -> None:
        cancel.set()
        raise Retryable("busy", retry_after=60.0)

    with pytest.raises(SyncCancelled):
        with_retries(action, RetryPolicy(), cancel)


@pytest.mark.parametrize(
    ("action", "changes", "conflicts"),
    [
        ("message", {"messages": {"added": ["M9"]}}, []),
        ("message", {"case.assigned_to": ["mediator1", "mediator2"]}, ["case.assigned_to"]),
        ("message", {"case.status": ["in_mediation", "withdrawn"]}, ["case.status"]),
        ("propose_offer", {"offers": {"added": ["O2"]}}, ["offers"]),
        ("propose_offer", {"evidence": {"added": ["E7"]}}, []),
        ("record_response", {"offers": {"changed": ["O1"]}}, ["offers"]),
        ("set_status", {"case.status": ["open", "in_mediation"]}, ["case.status"]),
        ("set_status", {"messages": {"added": ["M3"]}}, []),
    ],
)
def test_only_changes_an_action_depends_on_conflict_with_it(action, changes, conflicts) -> None:
    assert conflicting_reasons(action, changes) == conflicts
