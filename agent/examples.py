"""Verified examples: questions the operator marked right (`/good`), with the SQL that answered them.

They are stored in the database's ``examples`` table and reused two ways:

- as few-shot examples in the model's system prompt: the top 3 for the current question, ranked
  by BM25 over character n-grams (works for Chinese and English alike, no tokenizer, offline);
- as near-exact matches for the offline planner, through :func:`similarity` (0..1).

The ``examples`` table is not in the queryable catalog, so it is read and written here with
plain connections, never through the SQL guard.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from schema.db import connect, now_iso

NGRAM_SIZES = (2, 3)
_BM25_K1 = 1.2
_BM25_B = 0.75
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Example:
    """One verified question with the statement (and planner spec) that answered it."""

    question: str
    sql: str
    spec: dict | None = None
    params: tuple = ()
    id: int | None = None
    created_at: str | None = None


def save_example(db_path: str, question: str, sql: str, *, params: Sequence = (),
                 spec: dict | None = None) -> int:
    """Store a verified example and return its id.

    Args:
        db_path: The Persona database.
        question: The operator's question, as asked.
        sql: The statement that answered it (as executed).
        params: Values bound to its ``?`` placeholders; kept inside the spec JSON.
        spec: The planner's audience specification, when there was one.

    Returns:
        The new row id.
    """
    if not question.strip() or not sql.strip():
        raise ValueError("an example needs both a question and the SQL that answered it")
    stored_spec = {"spec": spec, "params": list(params)} if (spec or params) else None
    conn = connect(db_path)
    try:
        with conn:
            cursor = conn.execute(
                "INSERT INTO examples (question, sql, spec, created_at) VALUES (?, ?, ?, ?)",
                (question.strip(), sql.strip(),
                 json.dumps(stored_spec, ensure_ascii=False) if stored_spec else None, now_iso()),
            )
        return int(cursor.lastrowid)
    finally:
        conn.close()


def load_examples(db_path: str) -> list[Example]:
    """Every stored example, oldest first. A missing database has none."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return []
    try:
        rows = conn.execute("SELECT id, question, sql, spec, created_at FROM examples ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # not a Persona database (yet): no examples
        return []
    finally:
        conn.close()
    return [_example_from_row(row) for row in rows]


def _example_from_row(row: tuple) -> Example:
    example_id, question, sql, spec_json, created_at = row
    stored = json.loads(spec_json) if spec_json else {}
    return Example(question=question, sql=sql, spec=stored.get("spec"), params=tuple(stored.get("params") or ()),
                   id=example_id, created_at=created_at)


def normalize(text: str) -> str:
    """Casefold, fold full-width characters, drop punctuation and spaces."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


def char_ngrams(text: str, sizes: Iterable[int] = NGRAM_SIZES) -> Counter:
    """Character n-gram counts of the normalized text (a short text counts as one gram)."""
    norm = normalize(text)
    grams: Counter = Counter()
    for n in sizes:
        if len(norm) < n:
            continue
        grams.update(norm[i:i + n] for i in range(len(norm) - n + 1))
    if not grams and norm:
        grams[norm] += 1
    return grams


def similarity(a: str, b: str) -> float:
    """Cosine similarity of character n-gram counts, 0..1 (1.0 = the same text up to punctuation)."""
    grams_a, grams_b = char_ngrams(a), char_ngrams(b)
    if not grams_a or not grams_b:
        return 0.0
    dot = sum(count * grams_b[gram] for gram, count in grams_a.items())
    norm_a = math.sqrt(sum(c * c for c in grams_a.values()))
    norm_b = math.sqrt(sum(c * c for c in grams_b.values()))
    return dot / (norm_a * norm_b)


def rank_examples(question: str, examples: Sequence[Example], k: int = 3) -> list[tuple[float, Example]]:
    """The ``k`` examples most like ``question`` by BM25 over character n-grams, best first.

    Examples sharing no n-gram with the question are left out.

    Example:
        >>> ex = [Example("有多少女性用户", "SELECT 1"), Example("list premium users", "SELECT 2")]
        >>> [e.sql for _, e in rank_examples("女性用户有多少个", ex)]
        ['SELECT 1']
    """
    if not examples or k <= 0:
        return []
    documents = [char_ngrams(example.question) for example in examples]
    average_length = sum(sum(doc.values()) for doc in documents) / len(documents) or 1.0
    document_frequency: Counter = Counter(gram for doc in documents for gram in doc)
    query = char_ngrams(question)
    scored = []
    for doc, example in zip(documents, examples):
        score = _bm25(query, doc, document_frequency, len(documents), average_length)
        if score > 0:
            scored.append((score, example))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored[:k]


def _bm25(query: Counter, doc: Counter, document_frequency: Counter, n_docs: int, average_length: float) -> float:
    length = sum(doc.values())
    score = 0.0
    for gram in query:
        tf = doc.get(gram, 0)
        if not tf:
            continue
        df = document_frequency[gram]
        idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        score += idf * tf * (_BM25_K1 + 1) / (tf + _BM25_K1 * (1 - _BM25_B + _BM25_B * length / average_length))
    return score
