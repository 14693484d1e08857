"""Chinese and English in one text: which part each trained model reads.

The lexicon reads both languages in one pass, but each trained model knows one language: the
Chinese model sees English as stray letters, the English model does not see Chinese at all. So a
text that mixes them — "质量很好 but 太贵了", "物流 super slow，差评", "The shoes are great, 就是价格太贵了"
— is split into its English runs and the rest, and each model reads its own part, the other
language blanked out (same length, so offsets into the text hold).

A run of Latin words is English text when it does something in English: it holds an opinion, a
degree, a negation, a contrast or a wish, or a function word ("is", "the", "I"). A name alone —
"iPhone 15", "AirPods", "Nike", "customer service", a brand the entity list knows ("Perfect Diary")
— belongs to the Chinese sentence around it. Likewise the Chinese in an English text counts as
Chinese text only when it holds such a word (好, 不, 太贵) or a function word (的, 是, 我), not
when it is a name ("Love my 小米 band").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tools.analyzers.sentiment import (
    CONCESSIVE, CONTEXTUAL, CONTRAST, DEGREE, IRREALIS, NEGATOR, OPINION, Sentiment, get_lexicon,
)
from tools.analyzers.text import HAN_RE

# Entry kinds that make a word do something in a sentence (aspect words and stop words only name).
_DOING = {OPINION, CONTEXTUAL, NEGATOR, DEGREE, CONTRAST, CONCESSIVE, IRREALIS}
# Latin-letter words Chinese writers use as Chinese ("质量还ok", "有bug", "yyds"): no English text.
_CHINESE_LATIN = {"ok", "bug", "yyds"}
_EN_FUNCTION = {
    "i", "i'm", "im", "me", "my", "we", "our", "you", "your", "it", "it's", "its", "they", "he", "she",
    "is", "was", "are", "were", "be", "been", "am", "have", "has", "had", "will", "would", "can",
    "could", "do", "does", "did", "the", "this", "that", "these", "those", "and", "or", "to", "of",
    "for", "with", "just", "after", "before",
}
_ZH_FUNCTION = {
    "的", "了", "是", "我", "我们", "你", "他", "她", "它", "这", "那", "这个", "那个", "在", "也", "都",
    "就", "有", "和", "跟", "给", "把", "被", "让", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "啦",
}
_LATIN_RE = re.compile(r"[a-z]")
LATIN_PER_HAN = 0.3  # a Latin letter says about a third of what a Chinese character does (tools/lang.py)
_LATIN_WORD = re.compile(r"[a-z0-9]")
_WORDS = re.compile(r"[^\W_]+")
_LATIN_WORD_RE = re.compile(r"[a-z0-9]+(?:['\-/.][a-z0-9]+)*")


@dataclass
class Parts:
    """A text that mixes Chinese and English text, read per language."""

    english: list[tuple[int, int]]   # the English runs, as offsets into the text
    views: dict[str, str]            # "zh" / "en" -> the text with the other language blanked out
                                     # (analyze_text also blanks the comparisons it judges)
    weights: dict[str, float]        # "zh" / "en" -> the part's clause weight, relative to the other's
    shares: dict[str, float]         # "zh" / "en" -> the part's share of the text (they add up to 1)

    def length(self, lang: str, view: str) -> int:
        """The length of this language's ``view`` in its model's unit: English words (in the
        English runs only, so the punctuation of the blanked Chinese is no word), or Chinese
        characters (names and punctuation included, as in a Chinese text)."""
        if lang == "en":
            return sum(len(view[start:end].split()) for start, end in self.english)
        return len(view.replace(" ", ""))

    def is_english(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.english)

    def opinions(self, lang: str, sentiment: Sentiment) -> int:
        """How many of the lexicon's opinions stand in this language's part."""
        return sum(1 for hit in sentiment.opinions if self.is_english(hit.start) == (lang == "en"))


def may_mix(norm: str) -> bool:
    """Cheap test: only a text with both Chinese characters and Latin letters can mix languages."""
    return bool(_LATIN_RE.search(norm) and HAN_RE.search(norm))


def split_languages(norm: str, sentiment: Sentiment, names: list[tuple[int, int]]) -> Parts | None:
    """The text's Chinese and English parts, or None when it is one language (names aside).

    Args:
        norm: the normalized text; sentiment: the lexicon's reading of it (its clauses and words).
        names: spans of brand and product names (tools/analyzers/entities.py): never English text.
    """
    if not any(word in _english_words() or "'" in word for word in _LATIN_WORD_RE.findall(norm)):
        return None  # only names in Latin letters (the common case: no need to walk the clauses)
    english: list[tuple[int, int]] = []
    chinese = False
    clause_langs: list[set[str]] = []
    for clause in sentiment.clauses:
        langs: set[str] = set()
        for run, is_latin in _runs(clause.items):
            if is_latin and _speaks(run, _EN_FUNCTION, names):
                english.append((run[0].start, run[-1].end))
                if not _connective(run):  # "质量很好 but 太贵了": "but" joins two Chinese clauses
                    langs.add("en")
            elif not is_latin:
                chinese = chinese or _speaks(run, _ZH_FUNCTION, ())
                if not _connective(run):  # "Great boots, 就是 ..." likewise
                    langs.add("zh")
        clause_langs.append(langs)
    if not english or not chinese:
        return None
    weights = {lang: _part_weight(sentiment, clause_langs, lang) for lang in ("zh", "en")}
    top = max(weights.values()) or 1.0
    han = len(HAN_RE.findall(norm))
    latin = LATIN_PER_HAN * sum(len(_LATIN_RE.findall(norm, start, end)) for start, end in english)
    return Parts(
        english=english,
        views={"zh": _blank(norm, english), "en": _only(norm, english)},
        weights={lang: weight / top for lang, weight in weights.items()},
        shares={"zh": han / (han + latin), "en": latin / (han + latin)},
    )


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Every word that can make a Latin run English text: the words of the lexicon's English
    entries that do something, function words, and "than" (a comparative is read before it)."""
    words = set(_EN_FUNCTION) | {"than"}
    for term, entry in get_lexicon().entries.items():
        if term.isascii() and entry.kind in _DOING:
            words.update(term.split())
    return frozenset(words - _CHINESE_LATIN)


def _runs(items) -> list[tuple[list, bool]]:
    """The clause's items in runs of one script: (items, is_latin). Symbols and digits alone
    (emoticons, prices) go with the run they stand in."""
    runs: list[tuple[list, bool]] = []
    for item in items:
        if HAN_RE.search(item.text):
            latin = False
        elif _LATIN_RE.search(item.text):
            latin = True
        elif runs:
            if _LATIN_WORD.search(item.text) and runs[-1][1]:
                runs[-1][0].append(item)  # "iphone 15"
            continue
        else:
            continue
        if runs and runs[-1][1] == latin:
            runs[-1][0].append(item)
        else:
            runs.append(([item], latin))
    return runs


def _speaks(run, function_words: set[str], names) -> bool:
    """Whether a run of words is text in its language rather than a name."""
    for item in run:
        if item.text in _CHINESE_LATIN or any(start <= item.start < end for start, end in names):
            continue
        if item.text in function_words or (item.entry is not None and item.entry.kind in _DOING):
            return True
    return False


def _connective(run) -> bool:
    return all(item.entry is not None and item.entry.kind in (CONTRAST, CONCESSIVE) for item in run)


def _part_weight(sentiment: Sentiment, clause_langs: list[set[str]], lang: str) -> float:
    """The mean weight of the clauses a language speaks in (a contrast clause weighs more)."""
    weights = [clause.weight for clause, langs in zip(sentiment.clauses, clause_langs) if lang in langs]
    return sum(weights) / len(weights) if weights else 0.0


def _only(norm: str, spans: list[tuple[int, int]]) -> str:
    """``norm`` with every word outside ``spans`` blanked out (same length); punctuation stays, as
    it ends a negation's scope."""
    pieces, pos = [], 0
    for start, end in [*spans, (len(norm), len(norm))]:
        pieces.append(_WORDS.sub(lambda match: " " * len(match.group()), norm[pos:start]))
        pieces.append(norm[start:end])
        pos = end
    return "".join(pieces)


def _blank(norm: str, spans: list[tuple[int, int]]) -> str:
    """``norm`` with ``spans`` replaced by spaces (same length)."""
    chars = list(norm)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
