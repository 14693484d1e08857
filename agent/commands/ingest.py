"""`persona ingest FILE… [--db] [--quiet]`: load users, print problems as FILE:LINE, then a summary.

Exit status: 0 when at least one record was loaded, 1 when none was, 2 when a file is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.ingest import IngestReport, Issue, ingest_file

_PROGRESS_MIN_BYTES = 1 << 20   # smaller files load faster than a bar can draw
_MERGES_SHOWN = 20


def run(args) -> int:
    missing = [name for name in args.files if not Path(name).is_file()]
    if missing:
        for name in missing:
            print(f"persona ingest: {name}: no such file", file=sys.stderr)
        return 2
    total = IngestReport()
    for name in args.files:
        total.add(_ingest_one(args.db, name, quiet=args.quiet))
    _print_summary(total, args.db)
    if total.loaded == 0:
        print("persona ingest: nothing was loaded", file=sys.stderr)
        return 1
    return 0


def _ingest_one(db: str, name: str, *, quiet: bool) -> IngestReport:
    show_bar = not quiet and sys.stderr.isatty() and Path(name).stat().st_size >= _PROGRESS_MIN_BYTES
    if not show_bar:
        return ingest_file(db, name, on_error=_print_issue)
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
            on_error=lambda issue: console.print(str(issue), markup=False, highlight=False),
            on_progress=lambda done, size: progress.update(task, completed=done, total=size),
        )


def _print_issue(issue: Issue) -> None:
    print(str(issue), file=sys.stderr)


def _print_summary(report: IngestReport, db: str) -> None:
    users = (f"{report.new_users} new, {report.updated_users} updated, {report.unchanged_users} unchanged")
    lines = [
        f"loaded {report.loaded} of {report.records} records into {db} in {report.seconds:.1f} s ({users})",
        f"merged {report.merged} · rejected {report.rejected} · orders +{report.orders} · "
        f"events +{report.events} · texts +{report.texts}",
    ]
    if report.skipped_items:
        lines.append(f"skipped {report.skipped_items} bad parts of loaded records (orders, events, texts, "
                     "identities; see above)")
    if report.scoped_ids:
        lines.append(f"{report.scoped_ids} item ids were already used by another user: stored as '<user_id>:<id>'")
    for merge in report.merges[:_MERGES_SHOWN]:
        lines.append(f"  merged {merge}")
    if report.merged > _MERGES_SHOWN:
        lines.append(f"  … and {report.merged - _MERGES_SHOWN} more merges (see the user_aliases table)")
    print("\n".join(lines))
