"""The demo's signatures: one throwaway organisation for ``mediation-desk demo``.

:class:`DemoSigning` makes the demo organisation (:func:`reports.signing.pki.init_demo_pki`:
a CA, its CRL and a key per demo user) in the demo's own data folder, with a passphrase
that lives in this process only. It signs the demo platform's rulings as the mediator who
submitted them — a certifying signature that reserves the supervisor's field, as the
desk's own signing does — and approvals as the demo supervisor (the reserved field
filled); and it sets a demo desk up as ``keys trust`` and ``keys import`` would: the CA
and CRL trusted, the signed-in user's key installed, its passphrase in the credential
store the demo hands in (memory only).
"""

from __future__ import annotations

import io
import secrets
from datetime import UTC, datetime
from pathlib import Path

from app.documents.signing import SignatureRequest
from app.security import signing_keys
from app.security.credentials import CredentialStore
from reports.signing.pki import init_demo_pki
from reports.signing.sign import PdfSigningKey

ORGANISATION = "示例调解中心（演示）"
MEDIATOR_FIELD = "mediator_signature"
SUPERVISOR_FIELD = "supervisor_signature"
# The bottom of the demo ruling's last page, below the issuer's line (A4, points).
MEDIATOR_BOX = (56.0, 40.0, 286.0, 130.0)
SUPERVISOR_BOX = (309.0, 40.0, 539.0, 130.0)


class DemoSigning:
    """The demo organisation's keys, made once per demo start."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._passphrase = secrets.token_urlsafe(16)
        init_demo_pki(ORGANISATION, folder, self._passphrase.encode())
        self._keys: dict[str, PdfSigningKey] = {}

    def _key(self, username: str) -> PdfSigningKey:
        if username not in self._keys:
            self._keys[username] = PdfSigningKey(
                (self.folder / f"{username}.p12").read_bytes(),
                self._passphrase.encode(),
                trust_roots=((self.folder / "ca.pem").read_bytes(),),
                crls=((self.folder / "ca.crl").read_bytes(),),
            )
        return self._keys[username]

    def sign(self, pdf: bytes, username: str) -> bytes:
        """``pdf`` signed as ``username``: a mediator certifies it and reserves the
        supervisor's field on its last page; a supervisor fills that field."""
        key = self._key(username)
        role = key.identity.role
        mediator = role != "supervisor"
        page = _last_page(pdf)
        request = SignatureRequest(
            data=pdf,
            field_name=MEDIATOR_FIELD if mediator else SUPERVISOR_FIELD,
            page=page,
            rect=MEDIATOR_BOX if mediator else (0.0, 0.0, 0.0, 0.0),
            role="mediator" if mediator else "supervisor",
            language="zh-Hans",
            certify=mediator,
            reason=f"{'mediator' if mediator else 'supervisor'} signature; demo",
            at=datetime.now(UTC),
            reserve=((SUPERVISOR_FIELD, page, SUPERVISOR_BOX),) if mediator else (),
        )
        return key.sign(request).data

    def set_up_desk(self, home: Path, credentials: CredentialStore, username: str) -> None:
        """Trust the demo CA (and its CRL) on the desk in ``home`` and install
        ``username``'s key, its passphrase kept in ``credentials``."""
        signing_keys.add_trusted(home, (self.folder / "ca.pem").read_bytes(), ".pem")
        signing_keys.replace_crls(home, "demo", (self.folder / "ca.crl").read_bytes())
        signing_keys.install_signing_key(
            home,
            credentials,
            username,
            (self.folder / f"{username}.p12").read_bytes(),
            self._passphrase,
        )


def _last_page(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return int(reader.root["/Pages"]["/Count"]) - 1
