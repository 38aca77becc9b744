"""The other side of every dispute: simulated buyers and merchants, and a platform that
changes cases on its own.

After ``propose_offer`` or ``request_evidence`` a job is queued for ``party_delay``
seconds later; a background thread then answers as the parties would. What they answer
is decided by a generator seeded with (server seed, case, offer or request), so the same
seed gives the same answers: some accept, some reject, some send new evidence, some stay
silent. With an edit rate the platform also edits open cases by itself (new messages,
new evidence, reassignment, withdrawal) so that offline work meets conflicts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select

from app.contract.content_store import ContentStore
from platform_server import cases
from platform_server.actions import next_id, settle_offer
from platform_server.db import CaseRow, Database, Job, User
from platform_server.demo import catalog, images, pdfs
from platform_server.seeding import put_file

log = logging.getLogger("mediation_platform.parties")

Doc = dict[str, Any]

EDIT_KINDS: tuple[tuple[str, float], ...] = (
    ("buyer_message", 0.32),
    ("merchant_message", 0.24),
    ("new_evidence", 0.2),
    ("reassign", 0.1),
    ("priority", 0.08),
    ("withdraw", 0.06),
)
_ACTIVE = ("open", "awaiting_buyer", "awaiting_merchant", "in_mediation", "under_review")


def _party_of_role(document: Doc, role: str) -> Doc | None:
    return next((party for party in document["parties"] if party["role"] == role), None)


def _reply(document: Doc, key: str, rng: random.Random) -> str:
    language = document["case"]["language"]
    return rng.choice(catalog.REPLIES.get(language, catalog.REPLIES["zh-Hans"])[key])


class Simulator:
    """Runs queued party answers and platform edits on a background thread."""

    def __init__(
        self,
        db: Database,
        store: ContentStore,
        seed: int,
        party_delay: float,
        edit_rate: float,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.store = store
        self.seed = seed
        self.party_delay = party_delay
        self.edit_rate = edit_rate
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._edits = 0
        self._edit_timing = random.Random(f"{seed}:edit-timing")  # noqa: S311 (simulation, not security)
        self._next_edit = 0.0
        self._lock = threading.Lock()
        self.answered = 0
        self.edited = 0

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._next_edit = time.time() + self._gap()
        self._thread = threading.Thread(target=self._loop, name="platform-parties", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def poke(self) -> None:
        """Wake the thread (a job was queued)."""
        self._wake.set()

    def _gap(self) -> float:
        return self._edit_timing.expovariate(self.edit_rate) if self.edit_rate > 0 else float("inf")

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
                if self.edit_rate > 0 and time.time() >= self._next_edit:
                    self.platform_edit()
                    self._next_edit = time.time() + self._gap()
            except Exception:
                log.exception("the simulated parties failed; carrying on")
            self._wake.wait(timeout=0.1)
            self._wake.clear()

    # ------------------------------------------------------------------ queued answers
    def queue(
        self, session: Any, case_id: str, jobs: list[tuple[str, dict[str, Any]]], at: float
    ) -> None:
        """Queue the parties' answers to an action, in the action's own transaction."""
        for kind, payload in jobs:
            session.add(
                Job(due_at=at + self.party_delay, case_id=case_id, kind=kind, payload=payload)
            )

    def run_due(self, now: float | None = None) -> int:
        """Answer every job that is due; returns how many ran."""
        now = time.time() if now is None else now
        done = 0
        with self._lock:
            while True:
                with self.db.write() as session:
                    job = session.scalars(
                        select(Job).where(Job.due_at <= now).order_by(Job.due_at, Job.id).limit(1)
                    ).first()
                    if job is None:
                        return done
                    handler = {
                        "offer_answer": self._answer_offer,
                        "evidence_answer": self._answer_request,
                    }.get(job.kind)
                    if handler is not None:
                        cases.mutate(
                            session,
                            job.case_id,
                            handler(job.case_id, dict(job.payload)),
                            actor="platform",
                        )
                    session.execute(delete(Job).where(Job.id == job.id))
                    session.commit()
                    done += 1
                    self.answered += 1

    def _answer_offer(self, case_id: str, payload: dict[str, Any]) -> Callable[[Doc], str | None]:
        offer_id = payload["offer_id"]
        rng = random.Random(f"{self.seed}:{case_id}:offer:{offer_id}")  # noqa: S311 (simulation, not security)

        def change(document: Doc) -> str | None:
            offer = next((item for item in document["offers"] if item["id"] == offer_id), None)
            if (
                offer is None
                or offer["status"] != "proposed"
                or document["case"]["status"] not in _ACTIVE
            ):
                return None
            roll = rng.random()
            buyer_says, merchant_says, with_evidence = (
                ("accept", "accept", False)
                if roll < 0.45
                else ("reject", "accept", False)
                if roll < 0.7
                else ("accept", "reject", False)
                if roll < 0.9
                else ("reject", "reject", True)
            )
            now = cases.now_text(document)
            mediator = str(offer["proposed_by"])
            for role, decision in (("buyer", buyer_says), ("merchant", merchant_says)):
                party = _party_of_role(document, role)
                if party is None:
                    continue
                text = _reply(document, f"{role}_{decision}", rng)
                offer.setdefault("responses", []).append(
                    {"party": party["id"], "at": now, "decision": decision, "text": text}
                )
                document["messages"].append(
                    {
                        "id": next_id("M", document["messages"]),
                        "at": now,
                        "from": party["id"],
                        "to": [mediator],
                        "channel": "platform_chat",
                        "text": text,
                    }
                )
                document["history"].append(
                    {
                        "at": now,
                        "actor": party["id"],
                        "event": f"offer.{'accepted' if decision == 'accept' else 'rejected'}",
                        "text": offer_id,
                    }
                )
            settle_offer(offer, document["parties"])
            if with_evidence:
                buyer = _party_of_role(document, "buyer")
                if buyer is not None:
                    self._add_party_evidence(document, buyer, "photo", rng, now)
            return "party.answered"

        return change

    def _answer_request(self, case_id: str, payload: dict[str, Any]) -> Callable[[Doc], str | None]:
        party_id = payload["party"]
        kinds = list(payload.get("kinds") or ["photo"])
        rng = random.Random(f"{self.seed}:{case_id}:evidence:{payload.get('message_id')}")  # noqa: S311 (simulation, not security)

        def change(document: Doc) -> str | None:
            if document["case"]["status"] not in _ACTIVE:
                return None
            party = next((item for item in document["parties"] if item["id"] == party_id), None)
            if party is None:
                return None
            roll = rng.random()
            if roll >= 0.9:
                return None  # silence: the party never answers
            role = party["role"] if party["role"] in ("buyer", "merchant") else "buyer"
            now = cases.now_text(document)
            attachments: list[str] = []
            if roll < 0.65:
                for kind in kinds[:2]:
                    attachments.append(self._add_party_evidence(document, party, kind, rng, now))
                text = _reply(document, f"{role}_evidence", rng)
            else:
                text = _reply(document, f"{role}_decline", rng)
            message: Doc = {
                "id": next_id("M", document["messages"]),
                "at": now,
                "from": party["id"],
                "to": ["platform"],
                "channel": "platform_chat",
                "text": text,
            }
            if attachments:
                message["attachments"] = attachments
            document["messages"].append(message)
            if document["case"]["status"] in ("awaiting_buyer", "awaiting_merchant"):
                document["case"]["status"] = "in_mediation"
            return "party.answered"

        return change

    def _add_party_evidence(
        self, document: Doc, party: Doc, kind: str, rng: random.Random, now: str
    ) -> str:
        data, media_type, filename, title, evidence_kind = party_file(document, party, kind, rng)
        sha = put_file(self.store, data)
        evidence_id = next_id("E", document["evidence"])
        entry: Doc = {
            "id": evidence_id,
            "kind": evidence_kind,
            "submitted_by": party["id"],
            "submitted_at": now,
            "title": title,
            "filename": filename,
            "media_type": media_type,
            "size": len(data),
            "sha256": sha,
        }
        if evidence_kind == "photo":
            entry["captured_at"] = now
        document["evidence"].append(entry)
        document["history"].append(
            {"at": now, "actor": party["id"], "event": "evidence.submitted", "text": evidence_id}
        )
        return evidence_id

    # ------------------------------------------------------------------ platform edits
    def platform_edit(
        self, case_id: str | None = None, kind: str | None = None
    ) -> dict[str, Any] | None:
        """One edit made on the platform while mediators may be offline."""
        with self._lock:
            self._edits += 1
            rng = random.Random(f"{self.seed}:edit:{self._edits}")  # noqa: S311 (simulation, not security)
            with self.db.write() as session:
                if case_id is None:
                    candidates = list(
                        session.scalars(
                            select(CaseRow.id)
                            .where(CaseRow.status.in_(_ACTIVE))
                            .order_by(CaseRow.id)
                        )
                    )
                    if not candidates:
                        return None
                    case_id = rng.choice(candidates)
                if kind is None:
                    kind = rng.choices(
                        [name for name, _ in EDIT_KINDS], weights=[w for _, w in EDIT_KINDS]
                    )[0]
                mediators = list(
                    session.scalars(
                        select(User.username).where(User.role == "mediator").order_by(User.username)
                    )
                )
                version = cases.mutate(
                    session, case_id, self._edit(kind, rng, mediators), actor="platform"
                )
                session.commit()
        if version is None:
            return None
        self.edited += 1
        return {"case_id": case_id, "kind": kind, "version": version}

    def _edit(
        self, kind: str, rng: random.Random, mediators: list[str]
    ) -> Callable[[Doc], str | None]:
        def change(document: Doc) -> str | None:
            now = cases.now_text(document)
            info = document["case"]
            buyer = _party_of_role(document, "buyer")
            merchant = _party_of_role(document, "merchant")
            if kind in ("buyer_message", "merchant_message", "withdraw"):
                party = buyer if kind != "merchant_message" else merchant
                if party is None:
                    return None
                key = "buyer_withdraw" if kind == "withdraw" else f"{party['role']}_nudge"
                document["messages"].append(
                    {
                        "id": next_id("M", document["messages"]),
                        "at": now,
                        "from": party["id"],
                        "to": ["platform"],
                        "channel": "platform_chat",
                        "text": _reply(document, key, rng),
                    }
                )
                if kind == "withdraw":
                    info["status"] = "withdrawn"
                    document["history"].append(
                        {"at": now, "actor": party["id"], "event": "case.withdrawn"}
                    )
                    return "case.withdrawn"
                return "party.message"
            if kind == "new_evidence":
                party = buyer if rng.random() < 0.6 else merchant
                if party is None:
                    return None
                self._add_party_evidence(
                    document, party, rng.choice(("photo", "document", "chat_log")), rng, now
                )
                return "party.evidence"
            if kind == "reassign":
                others = [name for name in mediators if name != info.get("assigned_to")]
                if not others:
                    return None
                target = rng.choice(others)
                info["assigned_to"] = target
                document["history"].append(
                    {
                        "at": now,
                        "actor": "platform",
                        "event": "case.assigned",
                        "text": f"reassigned to {target}",
                    }
                )
                return "case.reassigned"
            if kind == "priority":
                order = ("normal", "high", "urgent")
                current = info.get("priority") or "normal"
                info["priority"] = (
                    order[min(2, order.index(current) + 1)] if current != "urgent" else "high"
                )
                document["history"].append(
                    {
                        "at": now,
                        "actor": "platform",
                        "event": "case.priority_changed",
                        "text": info["priority"],
                    }
                )
                return "case.priority"
            return None

        return change


def party_file(
    document: Doc, party: Doc, kind: str, rng: random.Random
) -> tuple[bytes, str, str, str, str]:
    """A file a party sends: (bytes, media type, file name, title, evidence kind)."""
    language = document["case"]["language"]
    chinese = language != "en" and images.can_draw_chinese()
    seed = f"{document['case']['id']}:{len(document['evidence'])}:{rng.random()}"
    stamp_text = cases.now_text(document)[:16].replace("T", " ")
    titles = {
        "zh-Hans": {
            "photo": "补充照片",
            "document": "补充材料",
            "chat_log": "补充聊天记录",
            "record": "补充记录",
            "audio": "通话录音文字稿",
        },
        "zh-Hant": {
            "photo": "補充照片",
            "document": "補充資料",
            "chat_log": "補充聊天紀錄",
            "record": "補充紀錄",
            "audio": "通話錄音文字稿",
        },
        "en": {
            "photo": "Further photo",
            "document": "Further document",
            "chat_log": "Further chat log",
            "record": "Further record",
            "audio": "Call transcript",
        },
    }[language]
    if kind in ("photo", "video", "listing_snapshot"):
        shape = rng.choice(("box", "device", "top", "bag", "jar"))
        color = (rng.randrange(60, 240), rng.randrange(60, 240), rng.randrange(60, 240))
        data = images.product_photo(
            seed, shape, color, rng.choice(((), ("scratch",), ("stain",))), stamp_text
        )
        return (
            data,
            "image/jpeg",
            f"IMG_{stamp_text.replace('-', '').replace(':', '').replace(' ', '_')}.jpg",
            titles["photo"],
            "photo",
        )
    if kind in ("chat_log",):
        lines = [
            {
                "at": cases.now_text(document),
                "from": party["role"] if party["role"] in ("buyer", "merchant") else party["id"],
                "text": _reply(
                    document,
                    f"{party['role'] if party['role'] in ('buyer', 'merchant') else 'buyer'}_evidence",
                    rng,
                ),
            }
        ]
        data = json.dumps(lines, ensure_ascii=False, indent=1).encode()
        return data, "application/json", "chat-export.json", titles["chat_log"], "chat_log"
    if kind in ("order_record", "transaction_record", "logistics_record"):
        order = document["order"]
        record: Doc = {"order_id": order["id"], "total": order["total_paid"], "source": party["id"]}
        if kind == "logistics_record" and "shipment" in order:
            record = {
                "carrier": order["shipment"]["carrier"],
                "number": order["shipment"]["tracking_number"],
                "events": order["shipment"]["events"],
            }
        data = json.dumps(record, ensure_ascii=False, indent=1).encode()
        return data, "application/json", f"{kind.replace('_', '-')}.json", titles["record"], kind
    if kind == "audio":
        text = _reply(
            document, "buyer_evidence" if party["role"] == "buyer" else "merchant_evidence", rng
        )
        data = text.encode("utf-8")
        return data, "text/plain", "transcript.txt", titles["audio"], "other"
    spec = pdfs.PdfSpec(
        title=titles["document"]
        if (chinese and pdfs.can_write_chinese())
        else "Supporting document",
        number=hashlib.sha256(seed.encode()).hexdigest()[:12].upper(),
        fields=(
            (("提交方" if chinese else "Submitted by"), party["display_name"]),
            (("案件" if chinese else "Case"), document["case"]["id"]),
        ),
        sections=(
            (
                "",
                _reply(
                    document,
                    "buyer_evidence" if party["role"] == "buyer" else "merchant_evidence",
                    rng,
                ),
            ),
        ),
        date_text=cases.now_text(document)[:10],
    )
    data = pdfs.render(spec, chinese and pdfs.can_write_chinese())
    return (
        data,
        "application/pdf",
        "supporting-document.pdf",
        titles["document"],
        "appraisal_report" if kind == "appraisal_report" else "document",
    )
