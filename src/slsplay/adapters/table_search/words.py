"""The words the table's search index keeps of a meetup's text, and how each one scores.

A meetup is found by every prefix (2 to 12 characters) of the words of its title,
description, category and organizer's name; each prefix carries a BM25-like score, fixed
when it is written (docs/search-index.md).
"""

from __future__ import annotations

import math

from slsplay.domain.search import words

MIN_TOKEN = 2  # one-letter words would make partitions holding nearly every meetup
MAX_TOKEN = 40  # longer words are cut: keys stay short, and nobody types 40 letters of one
MAX_PREFIX = 12  # postings per word stop here; longer words are told apart in the posting
# Distinct words indexed per field, in order of appearance: bounds a meetup's postings.
FIELD_TOKEN_CAPS = {"title": 30, "description": 150, "category": 5, "organizer_name": 10}
MAX_QUERY_WORDS = 8


def tokens(text: str) -> list[str]:
    """The words the index keeps of a text: 2 characters or more, cut to ``MAX_TOKEN``."""
    return [word[:MAX_TOKEN] for word in words(text) if len(word) >= MIN_TOKEN]


def prefixes(token: str) -> list[str]:
    """The prefixes a token is found by: 2 to ``MAX_PREFIX`` characters."""
    return [token[:n] for n in range(MIN_TOKEN, min(len(token), MAX_PREFIX) + 1)]


def query_words(text: str) -> list[str]:
    """The words a search looks up, longest (likely rarest) first.

    A word that starts another one is dropped: any meetup with a word starting with
    "wines" has one starting with "wine". Past ``MAX_QUERY_WORDS`` the shortest go, so that
    a search reads a bounded number of partitions (the local index would match them all).
    """
    found = list(dict.fromkeys(tokens(text)))
    kept = [w for w in found if not any(o != w and o.startswith(w) for o in found)]
    kept.sort(key=lambda w: (-len(w), w))
    return kept[:MAX_QUERY_WORDS]


def title_key(text: str) -> str:
    """A title's words, or a search's, as compared for an exact title match."""
    return " ".join(words(text))


# BM25 per field, summed with these weights (those of the local index's bm25): a word in
# the title counts ten times one in the description. Field lengths are normalised against
# fixed typical lengths rather than the corpus's averages, so that a posting's score is
# known when it is written and no search needs statistics of the whole index.
FIELD_WEIGHTS = {"title": 10.0, "description": 1.0, "category": 3.0, "organizer_name": 2.0}
TYPICAL_LENGTHS = {"title": 6.0, "description": 60.0, "category": 1.0, "organizer_name": 2.0}
K1 = 1.2
# How much a field's length dampens its words. Not at all for the description: there a
# word's score depends on its own count only, so an edit rewrites the postings of the
# words it changes, not of every word (a length-normalised score moves with any edit).
LENGTH_NORMALISATION = {"title": 0.75, "description": 0.0, "category": 0.75, "organizer_name": 0.75}
SCORE_SCALE = 1_000  # scores are stored as integers: DynamoDB numbers must be exact
# idf = ln(1 + NOMINAL_MEETUPS / postings): a word few meetups have weighs more. Nominal,
# not counted: a count of all meetups would be one more item to write on every change.
NOMINAL_MEETUPS = 100_000


def field_score(name: str, frequency: int, length: int) -> float:
    """The score of a word found ``frequency`` times in a field of ``length`` words."""
    b = LENGTH_NORMALISATION[name]
    norm = 1 - b + b * length / TYPICAL_LENGTHS[name]
    return FIELD_WEIGHTS[name] * frequency * (K1 + 1) / (frequency + K1 * norm)


def idf(postings: int) -> float:
    """How much a word weighs, from how many meetups have it: the rarer, the more."""
    return math.log(1 + NOMINAL_MEETUPS / max(1, postings))
