"""`persona ask "QUESTION" [--json] [--thread NAME] [--offline]`: one question, one answer.

Exit status (README, "persona ask"): 0 answered (also "no users match"), 2 the question cannot be answered
(with --json the object has an "error"), 1 an internal failure.
"""

from __future__ import annotations

import json
import os
import sys


def run(args) -> int:
    from agent.commands import require_database
    from schema.db import SchemaError

    try:
        require_database(args.db)
    except SchemaError as exc:  # missing or not a Persona database: say so plainly, not as a crash
        return _failed(args, str(exc))
    from agent.commands import question_too_long

    too_long = question_too_long(args.question)
    if too_long:  # a question it cannot answer (exit 2), refused before the agent starts
        _failed(args, too_long)
        return 2
    from agent.graph import Agent, answer_to_json

    try:
        agent = Agent(args.db, offline=args.offline, thread=args.thread)
        try:
            answer = agent.ask(args.question)
        finally:
            agent.close()
    except Exception as exc:
        if not args.json or os.environ.get("PERSONA_DEBUG"):
            raise
        return _failed(args, f"internal error: {type(exc).__name__}: {exc}")
    if args.json:
        print(answer_to_json(answer))
    else:
        from rich.console import Console

        from agent.render_answer import AnswerView

        Console().print(AnswerView(answer))
    return answer.exit_code


def _failed(args, reason: str) -> int:
    """Print ``reason`` on stderr (with --json, stdout still holds one object with "error"); return 1."""
    if args.json:
        print(json.dumps({"answer": "", "sql": [], "columns": [], "rows": [], "user_ids": [],
                          "mode": _mode(args.offline), "error": reason}, ensure_ascii=False))
    print(f"persona ask: {reason}", file=sys.stderr)
    return 1


def _mode(offline: bool) -> str:
    from tools.llm import model_config_from_env

    config = None if offline else model_config_from_env()
    return config.model if config else "offline"
