"""`persona ask "QUESTION" [--json] [--thread NAME] [--offline]`: one question, one answer.

Exit status (DESIGN §3): 0 answered (also "no users match"), 2 the question cannot be answered
(with --json the object has an "error"), 1 an internal failure.
"""

from __future__ import annotations

import json
import os
import sys


def run(args) -> int:
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
        # A caller parsing stdout still gets one JSON object; the reason also goes to stderr.
        print(json.dumps({"answer": "", "sql": [], "columns": [], "rows": [], "user_ids": [],
                          "mode": _mode(args.offline), "error": f"internal error: {type(exc).__name__}: {exc}"},
                         ensure_ascii=False))
        print(f"persona ask: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(answer_to_json(answer))
    else:
        from rich.console import Console

        from agent.render_answer import AnswerView

        Console().print(AnswerView(answer))
    return answer.exit_code


def _mode(offline: bool) -> str:
    from tools.llm import model_config_from_env

    config = None if offline else model_config_from_env()
    return config.model if config else "offline"
