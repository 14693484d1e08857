"""`persona export SEGMENT --out FILE [--fields a,b] [--with-identities] [--force]` (or `--question "..."`).

Writes user ids plus the chosen profile fields to .csv or .jsonl (without --fields, the ones the
REPL's /export writes: DEFAULT_FIELDS; `--fields user_id` writes the ids alone). Raw identities (name, phone,
email, device id) are included only with --with-identities, and every export is written to the
audit log. An existing --out file is never replaced without --force (an audience file already
sent to a vendor would be lost), as with `persona generate`. Exit 0 on success, 2 when the
request cannot be done, 1 on an internal failure.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_FIELDS = ("gender", "age", "city", "member_level", "lifecycle", "consumption", "interests")


def run(args) -> int:
    from tools.segments import SegmentError, export_audience

    fields = DEFAULT_FIELDS if args.fields is None else [f for f in args.fields.split(",") if f.strip()]
    if Path(args.out).exists() and not args.force:
        print(f"persona export: {args.out} already exists; add --force to overwrite, or choose another --out",
              file=sys.stderr)
        return 2
    try:
        if bool(args.segment) == bool(args.question):
            raise SegmentError("export either a segment (persona export NAME --out F) or a question's audience "
                               "(persona export --question \"...\" --out F), not both or neither")
        audience = args.segment if args.segment else _question_audience(args.db, args.question)
        written = export_audience(args.db, audience, args.out, fields, with_identities=args.with_identities)
    except SegmentError as exc:
        print(f"persona export: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {written['rows']:,} user{'' if written['rows'] == 1 else 's'} to {written['path']} ({', '.join(written['fields'])})")
    if written["with_identities"]:
        print("note: the file holds raw identities (name, phone, email, device id); "
              "the export is recorded in the audit log", file=sys.stderr)
    return 0


def _question_audience(db_path: str, question: str) -> list[str]:
    """The users the agent's answer to ``question`` selects (all of them, not a page)."""
    from agent.commands import question_too_long
    from agent.graph import Agent
    from tools.segments import SegmentError

    too_long = question_too_long(question)
    if too_long:
        raise SegmentError(too_long)
    agent = Agent(db_path, thread=None)
    try:
        answer = agent.ask(question)
    finally:
        agent.close()
    if answer.error:
        raise SegmentError(f"the question could not be answered: {answer.error}")
    if answer.user_ids is None:
        raise SegmentError("the answer to that question is not a set of users; ask for users "
                           "(e.g. \"上海的价格敏感户外爱好者\")")
    return answer.user_ids
