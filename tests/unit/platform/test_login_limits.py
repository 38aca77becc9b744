"""Wrong passwords per user and per address, counted in a sliding window."""

from __future__ import annotations

from platform_server.login_limits import LoginLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ten_wrong_passwords_are_allowed_and_the_eleventh_attempt_waits() -> None:
    clock = Clock()
    limiter = LoginLimiter(10, 10, 60.0, clock)
    for _ in range(10):
        assert limiter.retry_after("mediator1", "10.0.0.1") is None
        limiter.failed("mediator1", "10.0.0.1")
        clock.now += 1
    assert limiter.retry_after("mediator1", "10.0.0.1") == 50  # the first leaves at 1060


def test_the_window_slides_so_the_user_may_try_again_later() -> None:
    clock = Clock()
    limiter = LoginLimiter(3, 100, 60.0, clock)
    for _ in range(3):
        limiter.failed("mediator1", "a")
    assert limiter.retry_after("mediator1", "a") == 60
    clock.now += 60
    assert limiter.retry_after("mediator1", "a") is None


def test_the_user_limit_holds_from_any_address_and_the_address_limit_for_any_user() -> None:
    clock = Clock()
    limiter = LoginLimiter(3, 5, 60.0, clock)
    for address in ("a", "b", "c"):
        limiter.failed("mediator1", address)
    assert limiter.retry_after("mediator1", "d") is not None  # per user
    assert limiter.retry_after("mediator2", "d") is None
    for user in ("u1", "u2", "u3", "u4", "u5"):
        limiter.failed(user, "e")
    assert limiter.retry_after("somebody-else", "e") is not None  # per address
    assert limiter.retry_after("somebody-else", "f") is None
