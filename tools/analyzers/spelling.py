"""Typos and drawn-out letters in English text, repaired before a text is read: "sycn is slooow and
expnsive" is read as "sync is slow and expensive", "the app is sooo buggy" as "the app is so buggy".

- Drawn-out letters: no English word has a letter three times in a row, so a run of three or more
  is cut to two when that makes a known word ("goood" -> good), else to one ("slooow" -> slow).
- Typos: a word of five letters or more that is no known word, one edit (a letter dropped, added,
  changed, or two neighbours swapped) from exactly one word of the analyzers' lexicon, is that word
  ("expnsive" -> expensive, "frustratd" -> frustrated; of several, the only one that puts back a dropped
  letter: "realy" -> really); a four-letter word only by a swap of two
  neighbours ("sycn" -> sync), the commonest slip, since shorter words are too close to each other.
  The first letter is kept ("rices" is no typo of "prices"). Known words, and their inflections, are
  the lexicon's and the common English words (english_words.txt, scripts/make_english_words.py):
  "coach" is never "couch", "breads" never "breaks". A name is left as written: a word with
  a capital inside it (iPhone), or a capitalised word inside a sentence (Notion, Asana).

The analysis reads the repaired text, so its evidence quotes the words as read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tools.analyzers import lexicon as lx

ENGLISH_WORDS_PATH = Path(__file__).with_name("english_words.txt")
MIN_LENGTH = 5        # a typo of a longer word is corrected by any single edit
SWAP_LENGTH = 4       # a four-letter word only by a swap of two neighbours
_WORD = re.compile(r"(?<![A-Za-z0-9'’@./_-])[A-Za-z]+(?![A-Za-z0-9@/_-]|[.'’][A-Za-z0-9])")
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？\n])[\s\"'“‘(\[*-]*$")
# The lexicons whose words a typo is read as besides each aspect's own (lexicon.IMPLIED): the opinion words,
# the aspects' names, the degree words.
_LEXICONS = (lx.MULTI, lx.GENERAL, lx.CONTEXTUAL, lx.ASPECT_TERMS, lx.DEGREE)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words (the commonest of 5+ letters, every one of 4): words in their own right, never typos."""
    return frozenset(ENGLISH_WORDS_PATH.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """The one-word entries of the analyzers' opinion, degree and aspect lexicons and of the taxonomy's
    aspects (not the words inside a phrase: "didn" of "didn't work" is none)."""
    from tools.analyzers.text import taxonomy

    tables = [words for words, _ in lx.IMPLIED.values()] + list(_LEXICONS)
    entries = [term for table in tables for term in table]
    entries += [term for node in taxonomy().all_nodes() if node.kind == "aspect" for term in node.synonyms]
    return frozenset(entry for entry in map(str, entries) if len(entry) >= SWAP_LENGTH and entry.isascii()
                     and entry.isalpha() and entry.islower())


_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")


def _known(word: str) -> bool:
    """A word of the lists, or one of them inflected ("breads", "hissed", "quiter" are no typos)."""
    return any(stem in lexicon_words() or stem in english_words()
               for stem in [word] + [word[:-len(end)] for end in _SUFFIXES if word.endswith(end)])


def repaired(text: str) -> str:
    """``text`` with its drawn-out letters and typos of lexicon words repaired (the text itself when
    there are none)."""
    if not re.search(r"[A-Za-z]{4}", text):
        return text
    return _WORD.sub(lambda match: _repaired_word(match, text), text)


def _repaired_word(match: re.Match, text: str) -> str:
    word = match.group(0)
    lower = word.lower()
    fixed = _fixed(lower)
    # Whether it is a name is asked last: it reads the text before the word, and most words need no repair.
    if fixed == lower or _is_name(word, text[:match.start()]):
        return word
    if word.isupper():
        return fixed.upper()
    return fixed.capitalize() if word[0].isupper() else fixed


@lru_cache(maxsize=8192)
def _fixed(lower: str) -> str:
    """``lower`` repaired (itself when it needs no repair); cached, as the same words recur in text after text."""
    fixed = _without_drawn_out(lower)
    if fixed == lower and len(lower) >= SWAP_LENGTH and not _known(lower):
        fixed = _correction(lower) or lower
    return fixed


def _is_name(word: str, before: str) -> bool:
    """iPhone, or a capitalised word that does not start a sentence (Notion, Asana)."""
    if word.isupper():   # shouting ("SO SLOOOW"), or a short code that no edit reaches
        return False
    if any(ch.isupper() for ch in word[1:]):
        return True
    return word[0].isupper() and not _SENTENCE_START.search(before)


def _without_drawn_out(word: str) -> str:
    if not _DRAWN_OUT.search(word) or len(set(word)) == 1:   # "zzz", "aaa" stay
        return word
    twice = _DRAWN_OUT.sub(r"\1\1", word)
    return twice if _known(twice) else _DRAWN_OUT.sub(r"\1", word)


def _correction(word: str) -> str | None:
    """The one lexicon word ``word`` is a typo of, or None (none or several)."""
    if len(word) < MIN_LENGTH:
        candidates = {w for w in _swaps(word) if w in lexicon_words() and w[0] == word[0]}
        return next(iter(candidates)) if len(candidates) == 1 else None
    return closest(word, lexicon_words(), keep_first=True)


def closest(word: str, known, *, keep_first: bool = False) -> str | None:
    """The one word of ``known`` one edit from ``word``, or, when several are ("complaind": complain,
    complained, complaint; "realy": real, really), the only one that puts back a dropped letter, the
    commonest slip when typing fast; None otherwise. ``keep_first``: only words with the same first
    letter ("rices" is no typo of "prices")."""
    candidates = {w for w in one_edit(word) if w in known and (not keep_first or w[0] == word[0])}
    if len(candidates) == 1:
        return next(iter(candidates))
    dropped = [c for c in candidates if len(c) == len(word) + 1]
    return dropped[0] if len(dropped) == 1 else None


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)} - {word}


def one_edit(word: str) -> set[str]:
    """The strings one edit from ``word``: a letter dropped, added or changed, or two neighbours swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    changes = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | _swaps(word) | changes | inserts) - {word}
