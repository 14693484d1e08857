"""`persona chat [--thread NAME] [--offline]`: the conversational REPL (agent/repl.py).

A session goes on with its thread (``default`` unless ``--thread`` names another), kept beside the
database; when the thread has earlier turns, the session says so first ("resuming thread default
(12 turns; /clear to start over)").
"""

from __future__ import annotations

import sys


def run(args) -> int:
    from agent.commands import require_database

    require_database(args.db)  # a missing or foreign file: one line from agent/cli.py, not a crash
    from rich.console import Console
    from rich.text import Text

    from agent.graph import Agent
    from agent.repl import Repl, run_lines, stdio_is_terminal

    def make_agent(offline: bool) -> Agent:
        return Agent(args.db, offline=offline, thread=args.thread)

    console = Console()
    repl = Repl(make_agent(args.offline), console, make_agent=make_agent)
    try:
        terminal = stdio_is_terminal(sys.stdin, sys.stdout)
        if terminal:
            console.print(Text.assemble(("Persona chat", "bold"), f" · {repl.agent.mode} · thread {args.thread} · "
                                        "/help for commands, Ctrl-D to leave"))
        resumed = resume_notice(args.thread, repl.agent.turns())
        if resumed:   # follow-ups read against the earlier turns: never silently
            console.print(Text(resumed, style="yellow"))
        if terminal:
            from agent.repl_terminal import make_session, run_interactive

            run_interactive(repl, make_session(args.db))
        else:
            run_lines(repl, sys.stdin)
    finally:
        repl.agent.close()
    return 0


def resume_notice(thread: str, turns: int) -> str | None:
    """What a session that goes on with an earlier conversation says first: a thread is kept in the
    database, so "them" and "换个语气" in a new session still refer to its last audience and copy."""
    if not turns:
        return None
    return f"resuming thread {thread} ({turns} turn{'' if turns == 1 else 's'}; /clear to start over)"
