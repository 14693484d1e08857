"""`persona chat [--thread NAME] [--offline]`: the conversational REPL (agent/repl.py)."""

from __future__ import annotations

import sys


def run(args) -> int:
    from agent.commands import require_database

    require_database(args.db)  # a missing or foreign file: one line from agent/cli.py, not a crash
    from rich.console import Console
    from rich.text import Text

    from agent.graph import Agent
    from agent.repl import Repl, make_session, run_interactive, run_lines, stdio_is_terminal

    def make_agent(offline: bool) -> Agent:
        return Agent(args.db, offline=offline, thread=args.thread)

    console = Console()
    repl = Repl(make_agent(args.offline), console, make_agent=make_agent)
    try:
        if stdio_is_terminal(sys.stdin, sys.stdout):
            console.print(Text.assemble(("Persona chat", "bold"), f" · {repl.agent.mode} · thread {args.thread} · "
                                        "/help for commands, Ctrl-D to leave"))
            run_interactive(repl, make_session(args.db))
        else:
            run_lines(repl, sys.stdin)
    finally:
        repl.agent.close()
    return 0
