"""Shared test text: our own Vietnamese sentences in the style of scraped
government news, plus ways to damage them the way real pages are damaged."""

import random
import unicodedata

import pytest

from vn_text import SENTENCES, strip_marks  # shared with bench/throughput.py


def mojibake(text: str) -> str:
    """UTF-8 bytes shown through Latin-1: 'Viá»‡t'."""
    return text.encode("utf-8").decode("latin-1")


def make_docs(n: int, seed: int = 7, sentences_per_doc: int = 12) -> list:
    """n documents of several sentences; about a quarter damaged (marks
    stripped), a few with mojibake, a few decomposed (NFD)."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        doc = " ".join(rng.choice(SENTENCES) for _ in range(sentences_per_doc))
        r = i % 8
        if r in (1, 5):
            doc = strip_marks(doc)
        elif r == 3:
            doc = mojibake(doc)
        elif r == 6:
            doc = unicodedata.normalize("NFD", doc)
        docs.append(doc)
    return docs


@pytest.fixture(scope="session")
def docs():
    return make_docs(64)
