"""One module per `persona` subcommand, each with ``run(args) -> int`` (see agent/cli.py)."""

from __future__ import annotations

import os


def require_database(path: str) -> None:
    """Refuse, with one line that says what to do, a path that is not a Persona database.

    Raises:
        schema.db.SchemaError: the file is missing, is not SQLite, or was made by a newer Persona.
    """
    from schema.db import connect_readonly

    connect_readonly(path).close()


# A question is a sentence or two. The offline planner's work grows faster than the text (a 4,000-
# character question took a minute and built a statement SQLite refused), so longer input is refused
# up front rather than left to hang the chat.
MAX_QUESTION_CHARS = 1000


def question_too_long(question: str) -> str | None:
    """The reason to refuse ``question`` for its length, or None when it is fine."""
    if len(question) <= MAX_QUESTION_CHARS:
        return None
    return (f"the question is {len(question):,} characters long; ask in at most {MAX_QUESTION_CHARS:,} "
            "(one question, not a document)")


def locale_language(environ=os.environ) -> str | None:
    """'zh' or 'en' from the reader's locale (LC_ALL, LC_MESSAGES, LANG: the first one set), or None
    when it names neither (C, POSIX, another language)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").lower()
        if value:
            return "zh" if value.startswith("zh") else "en" if value.startswith("en") else None
    return None
