"""`persona demo [--fresh]`: a database from the bundled demo data, profiles built, then the chat.

Without a terminal (piped, CI) it answers a short tour of example questions in both languages
instead of opening the chat, and exits. A database that holds users the demo does not have is
someone's own data: the demo refuses it (exit 1) rather than load demo users into it or, with
--fresh, delete it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# The tour: one conversation, so the follow-ups refine the audience before them.
TOUR = [
    "users negative on price who love outdoor sports",
    "最近一个月对价格有负面情绪的户外运动爱好者有多少?",
    "of those, only women in Shanghai",
    "write campaign copy for that segment, playful tone",
    "有多少用户喜欢健身?",
]


def demo_data_path() -> Path:
    import seeds

    return Path(seeds.__file__).with_name("demo.jsonl")


def run(args) -> int:
    from rich.console import Console

    from agent.repl import stdio_is_terminal

    console = Console()
    db = Path(args.db)
    others = _users_not_in_the_demo(db)
    if others:  # someone's own data: never mix demo users into it, never delete it with --fresh
        print(f"persona demo: {db} holds {others:,} users that are not the demo's; the demo needs its own "
              f"file: persona demo --db demo.db", file=sys.stderr)
        return 1
    if args.fresh:
        _remove_database(db)
    if _is_built(db):
        console.print(f"using the existing demo database {db} (--fresh starts over)")
    else:
        _create(db, console)
    if stdio_is_terminal(sys.stdin, sys.stdout):
        return _chat(args, console)
    return _tour(str(db), console)


def _users_not_in_the_demo(db: Path) -> int:
    """How many users in ``db`` the demo data does not have (0 for a new or a demo database)."""
    import sqlite3

    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
        try:
            ids = [row[0] for row in conn.execute("SELECT user_id FROM users")]
        finally:
            conn.close()
    except sqlite3.Error:  # not a Persona database at all: the build below says so
        return 0
    from seeds.demo import demo_records

    demo_ids = {str(record["user_id"]) for record in demo_records()}
    return sum(1 for user_id in ids if user_id not in demo_ids)


def _remove_database(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".threads.sqlite", ".threads.sqlite-wal", ".threads.sqlite-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _is_built(db: Path) -> bool:
    import sqlite3

    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM profiles)").fetchone()[0] == 1
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _create(db: Path, console) -> None:
    from seeds.demo import demo_records
    from tools.ingest import ingest_records
    from tools.profile.build import build_profiles

    started = time.perf_counter()
    report = ingest_records(db, demo_records(), source=demo_data_path().name)
    console.print(f"loaded {report.loaded:,} demo users from {demo_data_path().name} (times moved to today) into {db}"
                  + (f" ({report.merged} merged by shared phone/email/device)" if report.merged else ""))
    built = build_profiles(str(db))
    console.print(f"built {built.built:,} profiles ({built.model}) in {time.perf_counter() - started:.1f} s")


def _chat(args, console) -> int:
    from agent.graph import Agent
    from agent.repl import Repl
    from agent.repl_terminal import make_session, run_interactive

    def make_agent(offline: bool) -> Agent:
        return Agent(args.db, offline=offline, thread="demo")

    repl = Repl(make_agent(False), console, make_agent=make_agent)
    console.print(f"[bold]Persona demo[/] · {repl.agent.mode} · try: [italic]{TOUR[1]}[/] · /help · Ctrl-D to leave")
    try:
        run_interactive(repl, make_session(args.db))
    finally:
        repl.agent.close()
    return 0


def _tour(db: str, console) -> int:
    from rich.text import Text

    from agent.graph import Agent
    from agent.render_answer import AnswerView
    from schema.db import default_db_path

    agent = Agent(db)
    try:
        for question in TOUR:
            console.rule(question, align="left")
            console.print(AnswerView(agent.ask(question)))
    finally:
        agent.close()
    chat = "persona chat" if db == default_db_path() else f"persona chat --db {db}"
    console.print(Text(f"Open the chat with `{chat}` (in a terminal) to ask your own questions."))
    return 0
