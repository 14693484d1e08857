"""One module per `persona` subcommand, each with ``run(args) -> int`` (see agent/cli.py)."""

from __future__ import annotations


def require_database(path: str) -> None:
    """Refuse, with one line that says what to do, a path that is not a Persona database.

    Raises:
        schema.db.SchemaError: the file is missing, is not SQLite, or was made by a newer Persona.
    """
    from schema.db import connect_readonly

    connect_readonly(path).close()
