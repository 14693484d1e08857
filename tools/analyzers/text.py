"""Text plumbing shared by the analyzers: normalization, language, tokens with offsets.

Chinese runs are segmented with jieba (a private ``jieba.Tokenizer``, so the words the lexicons
add never change anybody else's segmentation); Latin runs are split into words, digits and
symbols. Every token keeps its offsets in the original text so evidence can quote it.
"""

from __future__ import annotations

import logging
import marshal
import math
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Container, Iterable, NamedTuple

from tools.user_cache import user_cache_dir

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Chinese characters, as a regex class body
HAN_RE = re.compile(f"[{HAN}]")
_TOKEN_RE = re.compile(
    rf"(?P<han>[{HAN}]+)"
    r"|(?P<word>[a-z0-9]+(?:['\-/.][a-z0-9]+)*)"
    r"|(?P<space>\s+)"
    r"|(?P<sym>.)",
    re.S,
)
# Full-width ASCII (Ａ, ！, ，) -> half-width, keeping string length so offsets survive.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH.update({ord("’"): ord("'"), ord("‘"): ord("'"), ord("\ufe0f"): ord(" ")})
# Keep Chinese sentence punctuation distinct from ASCII ("，" stays a clause break anyway).
for _keep in "，。！？；：（）":
    _FULLWIDTH.pop(ord(_keep), None)


class Token(NamedTuple):
    text: str     # normalized (lower-case, half-width)
    start: int    # offsets in the original text
    end: int
    kind: str     # han | word | space | sym


def normalize(text: str) -> str:
    """Lower-case, half-width ASCII, curly quotes straightened; same length as ``text``."""
    out = text.translate(_FULLWIDTH)
    lowered = out.lower()
    if len(lowered) == len(out):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in out)


def tokenize(norm: str, user_words: Iterable[str] = ()) -> list[Token]:
    """Tokens of already-normalized text: jieba words for Han runs, words/symbols otherwise.

    English contractions are split so "don't" gives "do" + "not" (negation is then a token).
    """
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(norm):
        kind = match.lastgroup
        start, end = match.span()
        piece = match.group()
        if kind == "han":
            pos = start
            for word in _cut(piece):
                tokens.append(Token(word, pos, pos + len(word), "han"))
                pos += len(word)
        elif kind == "word" and piece.endswith("n't") and len(piece) > 3:
            stem_end = end - 3
            tokens.append(Token(piece[:-3], start, stem_end, "word"))
            tokens.append(Token("not", stem_end, end, "word"))
        elif kind == "word" and piece == "cannot":
            tokens.append(Token("can", start, start + 3, "word"))
            tokens.append(Token("not", start + 3, end, "word"))
        else:
            tokens.append(Token(piece, start, end, kind))
    return tokens


@lru_cache(maxsize=1)
def taxonomy():
    """The taxonomy, looked up once per process (load_taxonomy resolves its path on every call)."""
    from schema.taxonomy import load_taxonomy

    return load_taxonomy()


@lru_cache(maxsize=65536)
def _cut(run: str) -> tuple[str, ...]:
    """jieba's words for one run of Chinese characters. Cached: short runs (很好, 物流很快) recur
    across reviews, and segmentation is most of the analyzers' time."""
    return tuple(_jieba().cut(run, HMM=False))


def log_likelihood(text: str, words: Container[str] = ()) -> float:
    """How likely jieba's dictionary finds ``text``: the log-probability of its likeliest split into
    dictionary words, each drawn independently (``words`` count as words of the lowest frequency,
    the lexicons' taught words do not count, so the answer does not depend on which analyzers
    loaded). A slip that breaks a word scores far lower than the word: 物留 < 物流."""
    tokenizer = _jieba()
    log_total = math.log(tokenizer.total)
    best = [0.0] + [-math.inf] * len(text)
    for i in range(len(text)):
        for j in range(i + 1, min(len(text), i + _LONGEST_WORD) + 1):
            piece = text[i:j]
            freq = 0 if piece in _TAUGHT else tokenizer.FREQ.get(piece, 0)
            freq = freq or (1 if j == i + 1 or piece in words else 0)
            if freq:
                best[j] = max(best[j], best[i] + math.log(freq) - log_total)
    return best[-1]


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0 for a word only the lexicons taught it)."""
    return 0 if word in _TAUGHT else _jieba().FREQ.get(word, 0)


_LONGEST_WORD = 8   # longer dictionary entries are set phrases a question hardly holds
_USER_WORDS: list[str] = []
_TAUGHT: set[str] = set()   # the words _teach added to jieba's dictionary


def add_jieba_words(words: Iterable[str]) -> None:
    """Teach the private tokenizer multi-character lexicon words so they stay whole.

    jieba itself loads only when the first Chinese text needs it (English-only use never pays
    its ~1 s start); words given before then are added at that moment.
    """
    new_words = [word for word in words if len(word) > 1 and HAN_RE.search(word)]
    _USER_WORDS.extend(new_words)
    if _jieba.cache_info().currsize:
        _teach(_jieba(), new_words)
        _cut.cache_clear()  # earlier segmentations did not know these words


def _teach(tokenizer, words: Iterable[str]) -> None:
    for word in words:
        if word not in tokenizer.FREQ:
            tokenizer.add_word(word, freq=2000)
            _TAUGHT.add(word)


@lru_cache(maxsize=1)
def _jieba():
    import warnings

    with warnings.catch_warnings():  # jieba 0.42 has invalid escapes in its regexes
        warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache_dir = user_cache_dir()
    if cache_dir is not None:
        tokenizer.tmp_dir = str(cache_dir)
    if not _load_dictionary_cache(tokenizer):
        tokenizer.initialize()  # builds the dictionary and writes the cache
    _teach(tokenizer, _USER_WORDS)
    return tokenizer


def _load_dictionary_cache(tokenizer) -> bool:
    """Read jieba's cache of its default dictionary the way ``initialize`` would, but in one read:
    ``marshal.load`` on the open file fetches its ~500,000 entries piece by piece (~1 s), while
    ``marshal.loads`` of the file's bytes takes ~0.3 s. False when there is no usable cache."""
    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"  # jieba's name for it
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict):
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True
