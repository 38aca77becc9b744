"""``mediation-desk pki init``, ``keys import|trust``, ``documents sign|countersign`` and
``verify``: signatures from the command line.

The entry point wires the core's signing services (``app.documents.signing``) to the
pyHanko signer here, the way ``reports/cli.py`` hands drafting the renderer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.desk import Desk
from app.documents.signing import (
    DocumentSignature,
    countersign_document,
    deliver_signed_document,
    sign_document,
)
from app.documents.verdict import DocumentVerdict, signer_words
from app.errors import IntegrityError, NotFound, ValidationError
from app.security import signing_keys
from app.services.identity import acting_user, signed_in_user
from app.vocabulary import words

if TYPE_CHECKING:
    from reports.signing.sign import PdfSigningKey

# pyHanko, cryptography and fontTools are imported by the handlers that use them, not
# here: every ``mediation-desk`` command builds the whole parser, and a sync or a
# ``--help`` should not wait for the signing libraries to load.


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    pki = subparsers.add_parser("pki", help=str(words("signatures.help.pki")))
    pki_commands = pki.add_subparsers(dest="pki_command", metavar="COMMAND", required=True)
    init = pki_commands.add_parser(
        "init", parents=[common], help=str(words("signatures.help.pki_init"))
    )
    init.add_argument("--org", required=True, help=str(words("signatures.help.org")))
    init.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help=str(words("signatures.help.out"))
    )
    _passphrase_flag(init, required=True)
    add_json_flag(init)
    init.set_defaults(handler=_pki_init)

    keys = subparsers.add_parser("keys", help=str(words("signatures.help.keys")))
    key_commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    install = key_commands.add_parser(
        "import", parents=[common], help=str(words("signatures.help.keys_import"))
    )
    install.add_argument("file", type=Path, metavar="FILE.p12")
    _passphrase_flag(install, required=True)
    install.add_argument(
        "--ask-each-time", action="store_true", help=str(words("signatures.help.ask_each_time"))
    )
    add_json_flag(install)
    install.set_defaults(handler=_keys_import)
    trust = key_commands.add_parser(
        "trust", parents=[common], help=str(words("signatures.help.keys_trust"))
    )
    trust.add_argument("file", type=Path, metavar="CA.pem")
    trust.add_argument("--crl", type=Path, metavar="CA.crl", help=str(words("signatures.help.crl")))
    add_json_flag(trust)
    trust.set_defaults(handler=_keys_trust)

    verify = subparsers.add_parser(
        "verify", parents=[common], help=str(words("signatures.help.verify"))
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument("--final", action="store_true", help=str(words("signatures.help.final")))
    add_json_flag(verify)
    verify.set_defaults(handler=_verify)


def register_document_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """``documents sign`` and ``documents countersign`` (called by ``reports/cli.py``)."""
    for name, handler in (("sign", _sign), ("countersign", _countersign)):
        command = commands.add_parser(
            name, parents=[common], help=str(words(f"signatures.help.{name}"))
        )
        command.add_argument("case_id", metavar="CASE_ID")
        command.add_argument("document_id", metavar="DOCUMENT_ID")
        command.add_argument(
            "--key", metavar="USERNAME", help=str(words("signatures.help.key_user"))
        )
        _passphrase_flag(command, required=False)
        add_json_flag(command)
        command.set_defaults(handler=handler)
    submit = commands.add_parser(
        "submit", parents=[common], help=str(words("signatures.delivery.help"))
    )
    submit.add_argument("case_id", metavar="CASE_ID")
    submit.add_argument("document_id", metavar="DOCUMENT_ID")
    submit.add_argument("--comments", default="", help=str(words("signatures.delivery.comments")))
    add_json_flag(submit)
    submit.set_defaults(handler=_submit)


def _passphrase_flag(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        required=required,
        help=str(words("signatures.help.passphrase_stdin")),
    )


def _read_passphrase() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError(words("signatures.keys.empty_passphrase"))
    return line


# -- pki and keys -------------------------------------------------------------------------


def _pki_init(args: argparse.Namespace) -> int:
    from reports.signing.pki import DEMO_SIGNERS, init_demo_pki

    passphrase = _read_passphrase()
    files = init_demo_pki(args.org, args.out, passphrase.encode())
    if args.json:
        emit_json(
            {
                "org": args.org,
                "ca": str(files.ca),
                "crl": str(files.crl),
                "users": {p.stem: str(p) for p in files.users},
                "tsa": str(files.tsa),
            }
        )
    else:
        say(
            str(
                words(
                    "signatures.pki.written",
                    org=args.org,
                    out=str(files.folder),
                    users=", ".join(f"{s.username}.p12" for s in DEMO_SIGNERS),
                )
            )
        )
    return 0


def _keys_import(args: argparse.Namespace) -> int:
    from reports.signing.keys import check_pkcs12

    passphrase = _read_passphrase()
    data = _read_input(args.file)
    checked = check_pkcs12(data, passphrase.encode(), dt.datetime.now(dt.UTC))
    desk = open_desk(args)
    try:
        path = signing_keys.install_signing_key(
            desk.paths.home,
            desk.credentials,
            checked.identity.username,
            data,
            None if args.ask_each_time else passphrase,
        )
    finally:
        desk.close()
    identity = checked.identity
    if args.json:
        emit_json(
            {
                "username": identity.username,
                "name": identity.name,
                "role": identity.role,
                "valid_until": checked.not_after.isoformat(),
                "path": str(path),
                "passphrase": "asked" if args.ask_each_time else "keyring",
            }
        )
    else:
        where = words(
            "signatures.keys.asked" if args.ask_each_time else "signatures.keys.in_keyring"
        )
        say(
            safe_for_terminal(
                str(
                    words(
                        "signatures.keys.imported",
                        name=identity.name,
                        username=identity.username,
                        role=_role(identity.role),
                        until=checked.not_after.date().isoformat(),
                        where=where,
                    )
                )
            )
        )
    return 0


def _keys_trust(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives import serialization

    from reports.signing.keys import check_crl, check_trust_root, identity_of

    data = _read_input(args.file)
    root = check_trust_root(data)
    crl = None
    if args.crl is not None:
        crl = check_crl(_read_input(args.crl))
        if not crl.is_signature_valid(root.public_key()):  # type: ignore[arg-type]
            raise ValidationError(words("signatures.keys.crl_not_from_root"))
    pem = root.public_bytes(serialization.Encoding.PEM)
    desk = open_desk(args)
    try:
        signing_keys.add_trusted(desk.paths.home, pem, ".pem")
        if crl is not None:
            issuer = hashlib.sha256(root.subject.public_bytes()).hexdigest()[:16]
            signing_keys.replace_crls(
                desk.paths.home, issuer, crl.public_bytes(serialization.Encoding.DER)
            )
    finally:
        desk.close()
    fingerprint = hashlib.sha256(root.public_bytes(serialization.Encoding.DER)).hexdigest()
    name = identity_of(root).name
    if args.json:
        emit_json(
            {
                "name": name,
                "sha256": fingerprint,
                "crl": None
                if crl is None
                else {
                    "revoked": len(list(crl)),
                    "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None,
                },
            }
        )
    else:
        say(
            safe_for_terminal(
                str(words("signatures.keys.trusted", name=name, fingerprint=fingerprint))
            )
        )
        if crl is not None:
            say(
                str(
                    words(
                        "signatures.keys.crl_kept",
                        count=len(list(crl)),
                        next=crl.next_update_utc.date().isoformat() if crl.next_update_utc else "-",
                    )
                )
            )
    return 0


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(words("signatures.keys.no_file", path=str(path))) from None


# -- signing ------------------------------------------------------------------------------


def load_signing_key(desk: Desk, username: str | None, passphrase: str | None) -> PdfSigningKey:
    """The installed key of ``username`` (default: the signed-in user, or the only key),
    its passphrase from the keyring unless given; the trust roots and CRLs the desk keeps
    go into the signature as validation material; the platform the desk is signed in to
    gives the timestamp, when it answers (else the signature is B-B)."""
    from reports.signing.sign import PdfSigningKey
    from reports.signing.timestamping import signing_timestamps

    home = desk.paths.home
    if username is None:
        with desk.unit_of_work(read_only=True) as uow:
            user = signed_in_user(uow)
        owners = signing_keys.installed_key_owners(home)
        if user is not None:
            username = user.username
        elif len(owners) == 1:
            username = owners[0]
        elif owners:
            raise ValidationError(words("signatures.keys.which_key", owners=", ".join(owners)))
        else:
            raise NotFound(words("signatures.keys.no_key", username="-"))
    path = signing_keys.signing_key_path(home, username)
    if path is None:
        raise NotFound(words("signatures.keys.no_key", username=username))
    if passphrase is None:
        passphrase = signing_keys.kept_passphrase(desk.credentials, username)
    if passphrase is None:
        raise ValidationError(words("signatures.keys.passphrase_needed", username=username))
    return PdfSigningKey(
        path.read_bytes(),
        passphrase.encode(),
        trust_roots=tuple(signing_keys.trusted_files(home, ".pem")),
        crls=tuple(signing_keys.trusted_files(home, ".crl")),
        timestamps=signing_timestamps(desk, None),
    )


def _sign(args: argparse.Namespace) -> int:
    return _signing_command(args, sign_document)


def _countersign(args: argparse.Namespace) -> int:
    return _signing_command(args, countersign_document)


def _signing_command(args: argparse.Namespace, service: Any) -> int:
    passphrase = _read_passphrase() if args.passphrase_stdin else None
    desk = open_desk(args)
    try:
        key = load_signing_key(desk, args.key, passphrase)
        with desk.unit_of_work() as uow:
            signature: DocumentSignature = service(
                uow, args.case_id, args.document_id, key, actor_id=acting_user(uow)
            )
    finally:
        desk.close()
    if args.json:
        emit_json(signature.to_json_dict())
        return 0
    say(
        safe_for_terminal(
            str(
                words(
                    "signatures.cli.signed",
                    document_id=signature.document_id,
                    name=signature.signer_name,
                    role=_role(signature.role),
                    at=signature.signed_at.isoformat(),
                    level=signature.level,
                    sha256=signature.sha256,
                )
            )
        )
    )
    if signature.level == "B-B":
        say(str(words("signatures.cli.offline_level")))
    else:
        said = "timestamped_level" if signature.level == "B-LT" else "timestamped_only"
        say(str(words(f"signatures.cli.{said}", level=signature.level)))
    return 0


def _submit(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            delivery = deliver_signed_document(
                uow,
                args.case_id,
                args.document_id,
                actor_id=acting_user(uow),
                comments=args.comments,
            )
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "outbox_id": delivery.outbox_id,
                "type": delivery.action_type,
                "sha256": delivery.sha256,
                "queued": delivery.queued,
            }
        )
    elif not delivery.queued:
        say(
            str(
                words(
                    "signatures.delivery.already_queued",
                    document_id=args.document_id,
                    outbox_id=delivery.outbox_id,
                )
            )
        )
    else:
        key = "queued_review" if delivery.action_type == "review_document" else "queued_submit"
        say(str(words(f"signatures.delivery.{key}", document_id=args.document_id)))
    return 0


def _role(role: str) -> object:
    return words(f"signatures.role.{role}") if role in ("mediator", "supervisor") else role


# -- verification -------------------------------------------------------------------------


def verify_with_desk(desk: Desk, data: bytes, *, final: bool = False) -> DocumentVerdict:
    """Verify against the desk's trust roots and CRLs, and its store's view of the case."""
    from reports.signing.verify import verify_with_store

    with desk.unit_of_work(read_only=True) as uow:
        return verify_with_store(uow, desk.paths.home, data, final=final)


def verdict_json(verdict: DocumentVerdict) -> dict[str, object]:
    return {
        "ok": verdict.ok,
        "problem": None if verdict.problem is None else str(verdict.problem),
        "approved": verdict.approved,
        "state": "approved"
        if verdict.approved
        else "not_yet_approved"
        if verdict.ok
        else "problem",
        "case_id": verdict.case_id,
        "document_id": verdict.document_id,
        "evidence_manifest_sha256": verdict.evidence_manifest_sha256,
        "manifest_matches_store": verdict.manifest_matches_store,
        "signatures": [
            {
                "field_name": s.field_name,
                "signer": s.signer_username,
                "signer_name": s.signer_name,
                "role": s.role,
                "signed_at": s.signed_at.isoformat() if s.signed_at else None,
                "timestamp_at": s.timestamp_at.isoformat() if s.timestamp_at else None,
                "intact": s.intact,
                "valid": s.valid,
                "trusted": s.trusted,
                "revoked": s.revoked,
                "expired": s.expired,
                "coverage": s.coverage,
                "modification_level": s.modification_level,
                "level": s.level,
                "changes_after": [str(change) for change in s.changes_after],
                "problem": None if s.problem is None else str(s.problem),
            }
            for s in verdict.signatures
        ],
    }


def _verify(args: argparse.Namespace) -> int:
    data = _read_input(args.file)
    desk = open_desk(args)
    try:
        if not signing_keys.trusted_files(desk.paths.home, ".pem"):
            raise ValidationError(words("signatures.keys.no_trust"))
        verdict = verify_with_desk(desk, data, final=args.final)
        _record(desk, data, verdict)
    finally:
        desk.close()
    if args.json:
        emit_json(verdict_json(verdict))
    else:
        _say_verdict(verdict)
    if verdict.problem is not None:
        raise IntegrityError(verdict.problem)  # one line on stderr, exit 6
    return 0


def _record(desk: Desk, data: bytes, verdict: DocumentVerdict) -> None:
    """Keep the verdict for the workflow when the file is a signed form of a document
    this desk holds (the same record the Documents tab keeps; others are ignored)."""
    from app.documents.verifications import record_verification

    if verdict.case_id is None or verdict.document_id is None:
        return
    with desk.unit_of_work() as uow:
        record_verification(
            uow,
            verdict.case_id,
            verdict.document_id,
            hashlib.sha256(data).hexdigest(),
            verdict,
            actor_id=acting_user(uow),
        )


def _yes(value: bool) -> str:
    return str(words("signatures.verify.yes" if value else "signatures.verify.no"))


def _say_verdict(verdict: DocumentVerdict) -> None:
    for number, s in enumerate(verdict.signatures, start=1):
        stamp = (
            str(words("signatures.verify.timestamp", at=s.timestamp_at.isoformat()))
            if s.timestamp_at
            else ""
        )
        say(
            safe_for_terminal(
                str(
                    words(
                        "signatures.verify.signature",
                        number=number,
                        signer=signer_words(s.signer_name, s.role),
                        at=s.signed_at.isoformat() if s.signed_at else "?",
                        timestamp=stamp,
                    )
                )
            )
        )
        say(
            str(
                words(
                    "signatures.verify.facts",
                    intact=_yes(s.intact),
                    valid=_yes(s.valid),
                    trusted=_yes(s.trusted),
                    coverage=words(f"signatures.coverage.{s.coverage}"),
                    modification=words(f"signatures.level.{s.modification_level}"),
                    level=s.level,
                )
            )
        )
    if verdict.evidence_manifest_sha256:
        state = {
            True: "signatures.verify.manifest_matches",
            False: "signatures.verify.manifest_differs_short",
            None: "signatures.verify.manifest_unknown",
        }[verdict.manifest_matches_store]
        say(
            str(
                words(
                    "signatures.verify.manifest",
                    digest=verdict.evidence_manifest_sha256,
                    state=words(state),
                )
            )
        )
    if verdict.approved:
        say(str(words("signatures.verify.approved")))
    elif verdict.ok:
        say(str(words("signatures.verify.not_yet_approved")))
