from app.sync.client import Session


def test_a_printed_session_never_shows_its_token() -> None:
    session = Session(
        token="s3cr3t-token-value",
        expires_at="2026-12-01T12:00:00Z",
        username="mediator1",
        display_name="李调解",
        role="mediator",
    )
    assert "s3cr3t-token-value" not in repr(session)
    assert "mediator1" in repr(session)
