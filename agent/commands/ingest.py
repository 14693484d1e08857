"""`persona ingest FILE… [--db] [--quiet]`: load users, print problems as FILE:LINE, then a summary.

Exit status: 0 when at least one record was loaded, 1 when none was, 2 when a file is missing
(or is a directory).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from tools.ingest import IngestReport, Issue, ingest_file

_PROGRESS_MIN_BYTES = 1 << 20   # smaller files load faster than a bar can draw
_MERGES_SHOWN = 20
_BARE_SHOWN = 5
_SAME_PROBLEM_SHOWN = 3      # lines printed per distinct problem in a file; the rest are summed up
_HIDDEN_LINES_LISTED = 10


def run(args) -> int:
    unreadable = [(name, _not_a_file(Path(name))) for name in args.files if not Path(name).is_file()]
    if unreadable:
        for name, reason in unreadable:
            print(f"persona ingest: {name}: {reason}", file=sys.stderr)
        return 2
    total = IngestReport()
    skipped = Counter()
    for name in args.files:
        total.add(_ingest_one(args.db, name, quiet=args.quiet, skipped=skipped))
    _print_summary(total, args.db, skipped)
    if total.loaded == 0:
        why = "the files hold no records" if total.records == 0 else "every record had a problem (see above)"
        print(f"persona ingest: nothing was loaded: {why}", file=sys.stderr)
        return 1
    return 0


def _not_a_file(path: Path) -> str:
    if path.is_dir():
        return f"is a directory, not a file (give the files in it, e.g. {path / '*.jsonl'})"
    return "no such file"


def _ingest_one(db: str, name: str, *, quiet: bool, skipped: Counter) -> IngestReport:
    seen = Counter()                     # (message, field) -> times
    hidden: dict[tuple, list[int]] = {}  # (message, field) -> the first lines not printed

    def on_error(issue: Issue, print_line=_print_issue) -> None:
        if issue.severity == "warning":
            skipped[_part(issue.field)] += 1
        problem = (issue.message, issue.field)
        seen[problem] += 1
        if seen[problem] <= _SAME_PROBLEM_SHOWN:
            print_line(issue)
        elif seen[problem] <= _SAME_PROBLEM_SHOWN + _HIDDEN_LINES_LISTED:
            hidden.setdefault(problem, []).append(issue.line)

    show_bar = not quiet and sys.stderr.isatty() and Path(name).stat().st_size >= _PROGRESS_MIN_BYTES
    if not show_bar:
        report = ingest_file(db, name, on_error=on_error)
    else:
        report = _ingest_with_bar(db, name, on_error)
    _print_repeats(name, seen, hidden)
    return report


def _print_repeats(name: str, seen: Counter, hidden: dict[tuple, list[int]]) -> None:
    """One line for the lines of a problem seen more often than shown (a custom member level on
    every tenth row need not fill the screen)."""
    for problem, lines in hidden.items():
        more = seen[problem] - _SAME_PROBLEM_SHOWN
        listed = ", ".join(map(str, lines)) + (" …" if more > len(lines) else "")
        print(f"{name}: the same on {more} more lines ({listed}): {problem[0]}", file=sys.stderr)


def _ingest_with_bar(db: str, name: str, on_error) -> IngestReport:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    )
    with progress:
        task = progress.add_task(Path(name).name, total=Path(name).stat().st_size)
        return ingest_file(
            db, name,
            on_error=lambda issue: on_error(issue, lambda i: console.print(str(i), markup=False, highlight=False)),
            on_progress=lambda done, size: progress.update(task, completed=done, total=size),
        )


def _print_issue(issue: Issue) -> None:
    print(str(issue), file=sys.stderr)


def _part(field: str | None) -> str:
    """'orders[1].amount' -> 'orders', 'identities.wechat' -> 'identities'."""
    return re.split(r"[\[.]", field or "other", maxsplit=1)[0]


def _other_event_type_lines(report: IngestReport) -> list[str]:
    """One line per event type Persona does not know: kept under its own name, not lost."""
    return [f"kept {count} event{'s' if count != 1 else ''} of a type Persona does not know as '{kind}' (they count as activity "
            f"for recency and lifecycle; ask for them in SQL: events.type = '{kind}')"
            for kind, count in sorted(report.other_event_types.items(), key=lambda pair: (-pair[1], pair[0]))]


def _print_summary(report: IngestReport, db: str, skipped: Counter) -> None:
    users = f"{report.new_users} new, {report.updated_users} changed, {report.unchanged_users} unchanged"
    lines = [
        f"loaded {report.loaded} of {report.records} records into {db} in {report.seconds:.1f} s; users: {users}",
        f"merged {report.merged} · rejected {report.rejected} · orders +{report.orders} · "
        f"events +{report.events} · texts +{report.texts}",
    ]
    if report.skipped_items:
        parts = ", ".join(f"{part} {count}" for part, count in skipped.most_common())
        lines.append(f"skipped {report.skipped_items} bad parts of loaded records ({parts}; see above)")
    lines += _other_event_type_lines(report)
    bare = report.bare_new_users
    if bare:
        more = f" and {len(bare) - _BARE_SHOWN} more" if len(bare) > _BARE_SHOWN else ""
        shown = ", ".join(f"{user_id} ({report.where_created(user_id)})" for user_id in bare[:_BARE_SHOWN])
        lines.append(f"{len(bare)} new users came only with orders, events or texts, no attributes: {shown}{more}. "
                     "They now count as customers: in counts, audiences, copy and exports. If their users file "
                     "was not loaded, load it too. If an id is a typo, fix it and load every file again with "
                     "--fresh (a new database: saved segments and copy go too); loading the fixed file alone adds "
                     "its rows to the right user but keeps the stray one")
    if report.scoped_ids:
        lines.append(f"{report.scoped_ids} item ids were already used by another user: stored as '<user_id>:<id>'")
    for merge in report.merges[:_MERGES_SHOWN]:
        lines.append(f"  merged {merge}")
    if report.merged > _MERGES_SHOWN:
        lines.append(f"  … and {report.merged - _MERGES_SHOWN} more merges (see the user_aliases table)")
    print("\n".join(lines))
