"""The floor's row inserts, shared by the import and sync benchmarks.

The same case, party, message, evidence and snapshot rows the desk stores, inserted
with plain ``executemany`` in one transaction: what storing the rows costs at least.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


def insert_rows(database: Path, documents: list[dict[str, Any]], source: str) -> None:
    connection = sqlite3.connect(database)
    with connection:
        connection.executemany(
            "INSERT INTO cases (id, version, created_at, updated_at, channel, category, reason,"
            " language, status, title, description, claim_remedy, claim_text, priority, flags,"
            " in_queue, in_conflict, document_sha256, source, received_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'[]',1,0,'',?,?)",
            [
                (
                    d["case"]["id"], d["case"]["version"], d["case"]["created_at"],
                    d["case"]["updated_at"], d["case"]["channel"], d["case"]["category"],
                    d["case"]["reason"], d["case"]["language"], d["case"]["status"],
                    d["case"]["title"], d["case"]["description"], d["case"]["claim"]["remedy"],
                    d["case"]["claim"]["text"], d["case"].get("priority", "normal"), source,
                    d["case"]["created_at"],
                )
                for d in documents
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO evidence (case_id, evidence_id, kind, submitted_by, submitted_at,"
            " filename, media_type, size, sha256, stored) VALUES (?,?,?,?,?,?,?,?,?,1)",
            [
                (
                    d["case"]["id"], e["id"], e["kind"], e["submitted_by"], e["submitted_at"],
                    e["filename"], e["media_type"], e["size"], e["sha256"],
                )
                for d in documents
                for e in d["evidence"]
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO parties (case_id, party_id, role, display_name) VALUES (?,?,?,?)",
            [
                (d["case"]["id"], p["id"], p["role"], p["display_name"])
                for d in documents
                for p in d["parties"]
            ],
        )
        connection.executemany(
            "INSERT INTO messages (case_id, message_id, at, sender, recipients, channel, text,"
            " attachments) VALUES (?,?,?,?,'[]',?,?,'[]')",
            [
                (d["case"]["id"], msg["id"], msg["at"], msg["from"], msg["channel"], msg["text"])
                for d in documents
                for msg in d["messages"]
            ],
        )
        connection.executemany(
            "INSERT INTO case_snapshots (case_id, version, sha256, document, received_at, source)"
            " VALUES (?,?,?,?,?,?)",
            [
                (
                    d["case"]["id"], d["case"]["version"], "",
                    json.dumps(d, ensure_ascii=False).encode(), d["case"]["created_at"], source,
                )
                for d in documents
            ],
        )  # fmt: skip
    connection.close()
