"""`persona log`: the latest questions, SQL statements and model calls from the audit log."""

from __future__ import annotations

import json
import sys

_STATUS_STYLE = {"ok": "green", "refused": "yellow", "error": "red", "fallback": "magenta"}


def run(args) -> int:
    from tools.audit import recent_events

    if args.limit < 1:
        print(f"persona log: --limit must be at least 1 (got {args.limit})", file=sys.stderr)
        return 2
    events = recent_events(args.db, limit=args.limit)
    if args.json:
        print(json.dumps(events, ensure_ascii=False))
        return 0
    from rich.console import Console

    Console().print(events_table(events))
    return 0


def events_table(events: list[dict]):
    """A rich Table of audit events (newest first): the statement or question, and below it the
    reason for a refusal or the model call's figures."""
    from rich.table import Table
    from rich.text import Text

    table = Table(expand=True, caption=f"{len(events)} most recent event{'' if len(events) == 1 else 's'}",
                  caption_justify="left")
    for name in ("id", "at", "kind", "status"):
        table.add_column(name, no_wrap=True)
    table.add_column("rows", justify="right", no_wrap=True)
    table.add_column("ms", justify="right", no_wrap=True)
    table.add_column("what", ratio=1, overflow="fold")
    for event in events:
        what = Text(f"[{event['thread']}] " if event["thread"] else "", style="cyan")
        what.append(_one_line(event["statement"] or event["question"] or ""))
        note = _note(event)
        if note:
            what.append("\n" + note, style="dim")
        table.add_row(
            str(event["id"]),
            event["at"].replace("T", " ")[5:],  # the year is noise in a recent log
            event["kind"],
            Text(event["status"], style=_STATUS_STYLE.get(event["status"], "")),
            "" if event["row_count"] is None else str(event["row_count"]),
            "" if event["duration_ms"] is None else f"{event['duration_ms']:.0f}",
            what,
        )
    return table


def _note(event: dict) -> str:
    """The reason for a refusal or error, else the model and its tokens."""
    detail = event["detail"] or ""
    try:
        parsed = json.loads(detail) if detail else None
    except ValueError:
        parsed = None
    if event["status"] != "ok":
        if isinstance(parsed, dict):  # a refused statement has a "message", a failed question an "error"
            reason = parsed.get("message") or parsed.get("error") or parsed.get("fallback")
            return _one_line(str(reason)) if reason else ""
        return _one_line(detail)
    parts = [event["model"] or ""]
    if event["tokens_in"] is not None or event["tokens_out"] is not None:
        parts.append(f"{event['tokens_in'] or 0}→{event['tokens_out'] or 0} tokens")
    if isinstance(parsed, dict) and parsed.get("truncated"):
        parts.append("truncated")
    return " ".join(part for part in parts if part)


def _one_line(text: str, width: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
