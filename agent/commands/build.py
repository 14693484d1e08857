"""`persona build`: run the profile workflow, with a progress bar on a terminal and a summary.

Exit 0 when the build ran (per-user problems are counted in the summary), 1 when it could not
run (unknown user, bad --since or --threshold, no database), 130 on Ctrl-C (finished users are
kept; run it again to continue).
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(args) -> int:
    from tools.llm import chat_model_from_env
    from tools.profile.build import BuildError, BuildInterrupted, build_profiles

    if not Path(args.db).exists():
        print(f"persona build: {args.db}: no such database; load users first with `persona ingest FILE --db {args.db}`",
              file=sys.stderr)
        return 1
    show_bar = sys.stderr.isatty() and not args.quiet
    progress = _Progress() if show_bar else None
    try:
        with progress or _nothing():
            report = build_profiles(args.db, user_ids=args.user, since=args.since, rebuild_all=args.all,
                                    threshold=args.threshold, concurrency=args.concurrency,
                                    make_model=None if args.offline else chat_model_from_env,
                                    on_progress=progress.update if progress else None)
    except BuildError as exc:
        print(f"persona build: {exc}", file=sys.stderr)
        return 1
    except BuildInterrupted as stop:
        print(summary_line(stop.report), file=sys.stderr)
        print("interrupted: every finished user is saved; run `persona build` again to continue", file=sys.stderr)
        return 130
    print(summary_line(report))
    if report.selected == 0:
        print(_nothing_built(report, args.db), file=sys.stderr)
    if report.rfm_bands:
        print(f"  RFM bands: {report.rfm_bands}")
    if report.fallback_reason:
        print(f"  model fallback: {report.fallback_reason[:300]}", file=sys.stderr)
    for message in report.error_messages[:5]:
        print(f"  error: {message}", file=sys.stderr)
    if report.errors > 5:
        print(f"  ... {report.errors - 5} more users with errors (see `persona profile ID`)", file=sys.stderr)
    return 0


# An offline build of fewer users than this spends most of its time starting up (loading the
# analyzers' models and lexicons: a few seconds), so a rate would describe the start-up, not the users.
RATE_MIN_OFFLINE_USERS = 50


def summary_line(report) -> str:
    """'built 300 · skipped 0 · errors 0 · fallbacks 0 · 2.1 s · 142 users/s · offline'.

    A small offline build shows '3.9 s, mostly start-up' instead of a rate; a model build always
    shows its rate (each user waits for the model, so the rate means something from one user on).
    """
    timing = [f"{report.duration_s:.1f} s", _rate(report.users_per_s)]
    if report.model == "offline" and 0 < report.done < RATE_MIN_OFFLINE_USERS:
        timing = [f"{report.duration_s:.1f} s, mostly start-up (loading the analyzers)"]
    parts = [f"built {report.built}", f"skipped {report.skipped}", f"errors {report.errors}",
             f"fallbacks {report.fallbacks}", *timing, report.model]
    if report.llm_calls:
        parts.append(f"{report.llm_calls} model calls")
    if report.history_rows:
        parts.append(f"{report.history_rows} tag changes kept in history")
    return " · ".join(parts)


def _rate(per_second: float) -> str:
    """'142 users/s', or '2.5 s per user' for a slow build (a model, one user): never '0 users/s'
    for real work."""
    if per_second >= 1 or per_second == 0:
        return f"{per_second:,.0f} users/s"
    return f"{1 / per_second:.1f} s per user"


def _nothing_built(report, db: str) -> str:
    """Why a build did nothing, and what would make it do something."""
    if report.total_users == 0:
        return f"no users in {db} yet: load some with `persona ingest FILE --db {db}`"
    return "every profile is up to date with its data; `persona build --all` rebuilds them anyway"


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Progress:
    """A rich progress bar on stderr: users done of selected, users/s, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn("building profiles"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                             console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task("build", total=None, rate="–")

    def __enter__(self):
        self._bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self._bar.__exit__(*exc)

    def update(self, report) -> None:
        self._bar.update(self._task, total=report.selected or None, completed=report.done,
                         rate=_rate(report.users_per_s))
