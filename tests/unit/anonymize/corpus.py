"""The corpus of tests/data/anonymize/corpus.toml and the case it is read against."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.anonymize import normalise
from app.contract.case_document import CaseDocument, parse_case_document
from tests.conftest import REPO
from tests.support.bundles import read_example

CORPUS = REPO / "tests" / "data" / "anonymize" / "corpus.toml"


@dataclass(frozen=True)
class Sample:
    id: str
    language: str
    hides: str
    text: str
    remove: tuple[str, ...]
    keep: tuple[str, ...]
    detector: bool
    nothing_removed: bool
    trade_secrets: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    with CORPUS.open("rb") as file:
        return tomllib.load(file)


def samples() -> list[Sample]:
    return [
        Sample(
            id=item["id"],
            language=item["language"],
            hides=item["hides"],
            text=item["text"],
            remove=tuple(item.get("remove", ())),
            keep=tuple(item.get("keep", ())),
            detector=bool(item.get("detector", False)),
            nothing_removed=bool(item.get("nothing_removed", False)),
            trade_secrets=tuple(item.get("trade_secrets", ())),
        )
        for item in _data()["sample"]
    ]


def document_dict(language: str = "zh-Hans") -> dict[str, Any]:
    """The wool-coat example with the corpus's people and order numbers."""
    document, _ = read_example()
    document = copy.deepcopy(document)
    case = _data()["case"]
    document["parties"] = case["parties"]
    document["case"]["language"] = language
    document["order"]["id"] = case["order"]["id"]
    document["order"]["transaction_id"] = case["order"]["transaction_id"]
    document["order"]["shipment"]["tracking_number"] = case["order"]["tracking_number"]
    return document


@cache
def corpus_case(language: str = "zh-Hans") -> CaseDocument:
    return parse_case_document(json.dumps(document_dict(language), ensure_ascii=False))


@cache
def stranger_case() -> CaseDocument:
    """A case that knows none of the corpus's people: only the detectors can help."""
    document = document_dict()
    document["parties"] = [
        {"id": "P1", "role": "buyer", "display_name": "路人甲", "person_kind": "natural_person"},
        {"id": "P2", "role": "merchant", "display_name": "某店", "person_kind": "organisation"},
    ]
    document["order"]["id"] = "X-1"
    document["order"].pop("transaction_id", None)
    document["order"]["shipment"]["tracking_number"] = "X-2"
    return parse_case_document(json.dumps(document, ensure_ascii=False))


def canonical(text: str) -> str:
    """Text as compared for "still there": normal form, no separators, any case."""
    return re.sub(r"[\s\-·]", "", normalise(text)).casefold()


def left_in(published: str, value: str) -> bool:
    return canonical(value) in canonical(published)
