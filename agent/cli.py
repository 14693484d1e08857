"""The `persona` command line.

Argument parsing only: each subcommand lives in ``agent/commands/<name>.py`` as ``run(args) -> int``
and is imported when it runs, so `persona --help` and `persona sql` never load the LLM stack.
Expected failures print one line; set PERSONA_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

DB_HELP = "database file (default: $PERSONA_DB, else ./persona.db)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="persona",
        description="LLM-powered user profiles (用户画像) with a read-only text-to-SQL agent. "
        "Works offline; set OPENAI_API_KEY and/or OPENAI_BASE_URL (and PERSONA_MODEL) to use a model.",
    )
    parser.add_argument("--version", action="version", version="persona 0.1.0")
    # `persona --db shop.db ask …` is how many people type it; the command's own --db wins.
    parser.add_argument("--db", dest="global_db", default=None, metavar="DB",
                        help="database file for the command (may also follow the command)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, *, db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if db:
            p.add_argument("--db", default=None, help=DB_HELP)
        return p

    p = command("demo", "create a database from the bundled demo data, build profiles, open the chat "
                "(without a terminal: answer a short tour of example questions instead)")
    p.add_argument("--fresh", action="store_true", help="delete the database first")

    p = command("ingest", "load users from JSON Lines, JSON or CSV / TSV files (format: docs/data-format.md)")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help=".jsonl / .json (one user per record) or .csv / .tsv (a header row with user_id)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, summary only")

    p = command("build", "run the profile workflow on users with new data (or --all / --user / --since)")
    p.add_argument("--user", action="append", metavar="ID", help="only this user (repeatable)")
    p.add_argument("--since", metavar="T",
                   help="users whose data was ingested (added or changed by `persona ingest`) at or after time T "
                   "(ISO-8601; not the orders' or texts' own dates)")
    p.add_argument("--all", action="store_true", help="rebuild every user")
    p.add_argument("--threshold", type=float, default=None,
                   help="confidence below which a tag is 'observe' (default 0.6, or $PERSONA_TAG_THRESHOLD)")
    p.add_argument("--concurrency", type=int, default=4, help="parallel model calls when a model is configured")
    p.add_argument("--offline", action="store_true", help="use the offline analyzers even when a model is configured")
    p.add_argument("--quiet", action="store_true", help="no progress bar, summary only")

    p = command("chat", "the conversational REPL (reads questions line by line when stdin is not a terminal)")
    p.add_argument("--thread", default="default", help="conversation name; the same name resumes it")
    p.add_argument("--offline", action="store_true", help="use the offline planner even when a model is configured")

    p = command("ask", "ask one question and print the answer")
    p.add_argument("question")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (answer, sql, columns, rows, user_ids, mode)")
    p.add_argument("--thread", default=None, help="conversation to continue (follow-up questions)")
    p.add_argument("--offline", action="store_true", help="use the offline planner even when a model is configured")

    p = command("profile", "show one user's profile card")
    p.add_argument("user_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help="language of the card's labels and names (default: your locale's if it is Chinese "
                   "or English, else the language most of the database's texts are in)")

    p = command("sql", "run one read-only SQL statement through the agent's guard "
                "(--schema lists the tables and columns it may read)")
    p.add_argument("statement", nargs="?")
    p.add_argument("--schema", action="store_true", help="print the queryable tables and columns, then exit")
    p.add_argument("--json", action="store_true", help="print {columns, types, rows, row_count, truncated, sql} as JSON")

    p = command("analyze", "run the offline text analyzers on free text", db=False)
    p.add_argument("texts", nargs="*", metavar="TEXT")
    p.add_argument("--file", metavar="F", help="one text per line")
    p.add_argument("--json", action="store_true", help="one JSON object per text, one per line")

    p = command("log", "show recent questions, statements and model calls from the audit log")
    p.add_argument("--limit", type=int, default=20, help="how many events (default 20)")
    p.add_argument("--json", action="store_true", help="print the events as one JSON list")

    p = command("segments", "list segments; `segments show NAME`; `segments discover` clusters users")
    p.add_argument("action", nargs="?", default="list", choices=["list", "show", "discover", "refresh", "delete"])
    p.add_argument("name", nargs="?", help="segment name or id (show, delete)")
    p.add_argument("--k", type=int, default=None, help="discover: number of clusters (default: best silhouette)")
    p.add_argument("--method", default="kmeans", choices=["kmeans", "dbscan", "hdbscan"], help="discover: clustering method")
    p.add_argument("--seed", type=int, default=42, help="discover: random seed")
    p.add_argument("--force", action="store_true",
                   help="delete: also a built-in rule segment (the next `persona build` brings it back)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = command("export", "export a segment (or the audience of a question) for activation")
    p.add_argument("segment", nargs="?", help="segment name or id")
    p.add_argument("--question", help="export the audience of this question instead of a segment")
    p.add_argument("--out", required=True, metavar="FILE", help=".csv or .jsonl")
    p.add_argument("--fields", default=None,
                   help="comma-separated profile fields to include (default: gender, age, city, member_level, "
                   "lifecycle, consumption, interests; `user_id` alone for ids only)")
    p.add_argument("--with-identities", action="store_true", help="include raw phone/email/device ids")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    p = command("copy", "write campaign copy for a segment")
    p.add_argument("segment", help="segment name or id")
    p.add_argument("--channel", default="sms", choices=["sms", "push", "email", "social"], help="where the copy goes")
    p.add_argument("--tone", default="friendly",
                   help="voice of the copy: friendly, playful, warm, professional, urgent or luxury "
                   "(also 活泼, 温暖, 专业, 紧迫, 高端)")
    p.add_argument("--language", default="zh", choices=["zh", "en"], help="language of the copy")
    p.add_argument("--offer", default=None, help="product or offer to feature")
    p.add_argument("--n", type=int, default=3, help="number of variants (1 to 10)")
    p.add_argument("--offline", action="store_true", help="use the offline templates even when a model is configured")
    p.add_argument("--json", action="store_true", help="print the variants as JSON")

    p = command("generate", "write a deterministic synthetic dataset (with ground truth beside it)", db=False)
    p.add_argument("--users", type=int, default=1000, help="how many users to generate")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="output .jsonl; the ground truth goes beside it (data.jsonl -> data.truth.jsonl)")
    p.add_argument("--now", default=None, metavar="DATE", help="anchor date the times are relative to (default: today)")
    p.add_argument("--dup-rate", type=float, default=0.0,
                   help="share of users that re-use another record's phone/email/device id (0..0.5)")
    p.add_argument("--workers", type=int, default=None, help="processes to use (default: up to 4 for large runs)")
    p.add_argument("--force", action="store_true", help="overwrite --out (and its ground truth) if they exist")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "db", "absent") is None:
        from schema.db import default_db_path

        args.db = args.global_db or default_db_path()
    if getattr(args, "db", None):
        problem = _db_path_problem(args.db)
        if problem:
            print(f"persona {args.command}: {problem}", file=sys.stderr)
            return 1
    module = importlib.import_module(f"agent.commands.{args.command}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("PERSONA_DEBUG"):
            raise
        from schema.db import SchemaError
        from schema.taxonomy import TaxonomyError

        kind = "" if isinstance(exc, (SchemaError, TaxonomyError, OSError)) else f"{type(exc).__name__}: "
        print(f"persona {args.command}: {kind}{exc}", file=sys.stderr)
        if kind:  # an unexpected error: say how to see more
            print("(set PERSONA_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1


def _db_path_problem(db: str) -> str | None:
    """Why ``db`` cannot be a database file (SQLite would only say 'disk I/O error'), or None."""
    path = Path(db)
    if path.is_dir():
        return f"{db} is a directory; give a database file, e.g. --db {path / 'persona.db'}"
    if not path.parent.is_dir():
        return f"{db}: the folder {path.parent} does not exist"
    return None


def _reader_went_away() -> int:
    """`persona … | head` closed the pipe: stop quietly, as other command-line tools do.

    stdout is pointed at /dev/null so Python's final flush does not fail a second time.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a tool the pipe stopped


if __name__ == "__main__":
    sys.exit(main())
