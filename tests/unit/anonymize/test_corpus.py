"""Every sample of the corpus: nothing to remove is left, nothing to keep is lost, and the
detectors alone find what a stranger to the case could not know."""

from __future__ import annotations

from collections import Counter

import pytest

from app.anonymize import anonymize, detect
from tests.unit.anonymize.corpus import Sample, corpus_case, left_in, samples, stranger_case

SAMPLES = samples()


def _published(sample: Sample, *, stranger: bool = False) -> tuple[str, int]:
    case = stranger_case() if stranger else corpus_case(sample.language)
    result = anonymize(
        case, {"text": sample.text}, language=sample.language, trade_secrets=sample.trade_secrets
    )  # type: ignore[arg-type]
    return result.texts["text"], len(result.redactions)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.id for s in SAMPLES])
def test_nothing_to_remove_is_left_and_nothing_to_keep_is_lost(sample: Sample) -> None:
    published, count = _published(sample)
    assert [value for value in sample.remove if left_in(published, value)] == []
    assert [value for value in sample.keep if value not in published] == []
    if sample.nothing_removed:
        assert count == 0, published
    else:
        assert count > 0


@pytest.mark.parametrize(
    "sample", [s for s in SAMPLES if s.detector], ids=[s.id for s in SAMPLES if s.detector]
)
def test_the_detectors_alone_find_it_without_knowing_the_case(sample: Sample) -> None:
    published, _ = _published(sample, stranger=True)
    assert [value for value in sample.remove if left_in(published, value)] == []
    assert detect(sample.text) != []


@pytest.mark.parametrize(
    "sample",
    [s for s in SAMPLES if s.nothing_removed],
    ids=[s.id for s in SAMPLES if s.nothing_removed],
)
def test_ordinary_numbers_raise_no_detector_hit(sample: Sample) -> None:
    assert detect(sample.text) == []


def test_the_corpus_covers_every_language_and_every_way_of_hiding() -> None:
    languages = Counter(sample.language for sample in SAMPLES)
    hides = Counter(sample.hides for sample in SAMPLES)
    assert set(languages) == {"zh-Hans", "zh-Hant", "en"}
    assert {"glued", "split", "fullwidth", "chat", "findings", "plain"} <= set(hides)
    assert min(languages.values()) >= 10


def test_no_published_text_still_raises_a_detector_hit() -> None:
    for sample in SAMPLES:
        published, _ = _published(sample)
        assert detect(published) == [], sample.id
