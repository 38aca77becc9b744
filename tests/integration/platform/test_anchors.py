"""Audit anchors on the platform: the newest per desk and user, and no going back."""

from __future__ import annotations

from typing import Any

import httpx

from tests.integration.platform.conftest import Api

DESK = "0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f"
AT = "2026-11-22T09:00:00+08:00"


def _digest(n: int) -> str:
    return f"{n:064x}"


def _put(api: Api, body: Any, user: str = "mediator1", desk: str = DESK) -> httpx.Response:
    return api.http.put(f"/api/v1/anchors/{desk}", json=body, headers=api.headers(user))


def test_the_newest_anchor_is_kept_and_read_back(api: Api) -> None:
    desk = DESK + "a"
    assert (
        api.http.get(f"/api/v1/anchors/{desk}", headers=api.headers("mediator1")).status_code == 404
    )
    first = _put(api, {"seq": 5, "digest": _digest(5), "at": AT}, desk=desk)
    assert first.status_code == 200
    assert first.json() == {"desk_id": desk, "seq": 5, "digest": _digest(5), "at": AT}
    assert _put(api, {"seq": 9, "digest": _digest(9), "at": AT}, desk=desk).json()["seq"] == 9
    again = _put(api, {"seq": 9, "digest": _digest(9), "at": AT}, desk=desk)  # a retry
    assert again.status_code == 200 and again.json()["seq"] == 9
    read = api.http.get(f"/api/v1/anchors/{desk}", headers=api.headers("mediator1"))
    assert read.status_code == 200 and read.json()["digest"] == _digest(9)


def test_an_anchor_that_goes_back_is_refused(api: Api) -> None:
    desk = DESK + "b"
    assert _put(api, {"seq": 20, "digest": _digest(20), "at": AT}, desk=desk).status_code == 200
    for body in (
        {"seq": 19, "digest": _digest(19), "at": AT},  # a rewound desk
        {"seq": 20, "digest": _digest(21), "at": AT},  # the same entry, rewritten
    ):
        refused = _put(api, body, desk=desk)
        assert refused.status_code == 409
        assert refused.json()["error"] == "anchor_rewound"
        assert refused.json()["stored_seq"] == 20
    kept = api.http.get(f"/api/v1/anchors/{desk}", headers=api.headers("mediator1")).json()
    assert (kept["seq"], kept["digest"]) == (20, _digest(20))


def test_anchors_are_kept_per_user(api: Api) -> None:
    desk = DESK + "c"
    assert _put(api, {"seq": 30, "digest": _digest(30), "at": AT}, desk=desk).status_code == 200
    other = api.http.get(f"/api/v1/anchors/{desk}", headers=api.headers("mediator2"))
    assert other.status_code == 404
    assert (
        _put(api, {"seq": 1, "digest": _digest(1), "at": AT}, "mediator2", desk).status_code == 200
    )


def test_anchor_bodies_and_desk_ids_are_checked(api: Api) -> None:
    bad_bodies = [
        ({"seq": 1, "digest": "xyz", "at": AT}, 422),
        ({"seq": -1, "digest": _digest(1), "at": AT}, 422),
        ({"seq": "1", "digest": _digest(1), "at": AT}, 422),
        ({"seq": 1, "digest": _digest(1), "at": "2026-11-22T09:00:00"}, 422),  # no offset
        ({"seq": 1, "digest": _digest(1), "at": AT, "extra": 1}, 422),
        ({"seq": 2**60, "digest": _digest(1), "at": AT}, 422),
        ([1, 2], 400),
    ]
    for body, status in bad_bodies:
        assert _put(api, body).status_code == status, body
    assert _put(api, {"seq": 1, "digest": _digest(1), "at": AT}, desk="..%2Fetc").status_code in (
        400,
        404,
    )
    assert _put(api, {"seq": 1, "digest": _digest(1), "at": AT}, desk="x" * 200).status_code == 400
    unauthenticated = api.http.put(
        f"/api/v1/anchors/{DESK}", json={"seq": 1, "digest": _digest(1), "at": AT}
    )
    assert unauthenticated.status_code == 401
