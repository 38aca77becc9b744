"""The demo organisation on a real store, for the signature tests: a drafted ruling, the
demo CA trusted (with its CRL), mediator1's and supervisor1's keys imported, and an NSS
database trusting the CA for poppler's ``pdfsig``."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import keyring
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.cli.main import main

CASE = "DSP-2026-004711"
PASSPHRASE = "correct horse 调解"


def run(capsys, home: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """One ``mediation-desk`` command on ``home``: (exit code, stdout, stderr)."""
    previous = sys.stdin
    sys.stdin = io.StringIO(stdin if stdin is not None else "")
    try:
        code = main(["--home", str(home), *args])
    finally:
        sys.stdin = previous
    out, err = capsys.readouterr()
    return code, out, err


def nss_database(folder: Path, ca_pem: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{folder}",
            "-n",
            "demo-ca",
            "-t",
            "C,C,C",
            "-i",
            str(ca_pem),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def pdfsig(path: Path, nss: Path) -> str:
    """What poppler says of a file's signatures (it always exits 0: read its text)."""
    done = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True
    )
    return done.stdout + done.stderr


def pdfsig_blocks(said: str) -> dict[str, str]:
    """pdfsig's text per signature field (it lists fields in the form's order, empty
    reserved ones included)."""
    blocks = {}
    for block in said.split("Signature #")[1:]:
        for line in block.splitlines():
            if "Signature Field Name:" in line:
                blocks[line.split(":", 1)[1].strip()] = block
    return blocks


@dataclass
class SigningHome:
    home: Path
    pki: Path
    nss: Path

    def desk_file(self, sha256: str) -> bytes:
        from app.contract.content_store import ContentStore

        return ContentStore(self.home / "evidence").path_of(sha256).read_bytes()

    def secrets(self) -> list[bytes]:
        found = [PASSPHRASE.encode()]
        for name in ("mediator1", "supervisor1"):
            key, _, _ = pkcs12.load_key_and_certificates(
                (self.pki / f"{name}.p12").read_bytes(), PASSPHRASE.encode()
            )
            assert key is not None
            found.append(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            found.append(key.private_numbers().private_value.to_bytes(32, "big"))  # type: ignore[attr-defined]
        return found

    def forget_keyring_anchor(self) -> None:
        backend = keyring.get_keyring()
        for service, name in list(backend.secrets):  # type: ignore[attr-defined]
            if name.startswith("audit-anchor:"):
                del backend.secrets[(service, name)]  # type: ignore[attr-defined]
