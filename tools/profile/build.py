"""``persona build``: run the profile workflow over the users that need it, batch by batch.

- Incremental by default: a user is rebuilt when their data changed since their profile was built
  (see ``built_at`` below) or has no profile, so a second build with no new data touches nobody.
  ``user_ids``, ``since`` and ``rebuild_all`` choose users explicitly.
- A build with nobody to (re)build decides so from two counts and returns: it never loads the
  workflow (LangGraph), the analyzers or the model client, so an up-to-date database answers fast.
- Users are streamed in batches (keyset pagination on user_id), so memory stays flat; each batch
  is one workflow run and one transaction. A crash or Ctrl-C loses at most the batch in flight, and
  the next incremental build continues where this one stopped.
- ``built_at`` is the second the batch's data was read. Ingest stamps ``data_updated_at`` to the
  second, so a user is rebuilt when ``data_updated_at >= built_at``: data ingested during that
  second, even after the read, is picked up next time. So that an unchanged user is not rebuilt
  again, a batch whose newest data was stamped in the current second waits for the next second
  before it reads (at most one second, and only right after an ingest).
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Callable

from schema.db import connect
from schema.taxonomy import Taxonomy, load_taxonomy, sync_to_db
from tools.profile.data import load_users
from tools.profile.evidence import parse_time
from tools.profile.explicit import CategoryNorms, brand_interests
from tools.profile.rule_segments import RULE_SEGMENTS
from tools.profile.rfm_bands import settle_bands
from tools.profile.store import ensure_rule_segments, load_profile, write_batch

DEFAULT_THRESHOLD = 0.6    # tags below this confidence get status 'observe'
# Users per offline batch. Each batch costs a LangGraph run, a commit and a selection query: 500
# instead of 250 cut that from ~1.4 s to ~0.95 s CPU of a 10k build, for ~10 MB more peak memory.
# Ctrl-C loses at most one batch (about a second of work).
OFFLINE_BATCH = 500
MAX_REPORTED_ERRORS = 20


class BuildError(ValueError):
    """The build was asked for something impossible (unknown user, bad time, bad threshold)."""


@dataclass
class BuildReport:
    total_users: int = 0       # users in the database
    selected: int = 0          # users this build set out to (re)build
    done: int = 0              # users processed so far
    built: int = 0             # profiles written
    errors: int = 0            # users whose profile has status 'error' or could not be built
    fallbacks: int = 0         # users whose model call failed and who were analyzed offline
    llm_calls: int = 0         # model requests made (retries included)
    history_rows: int = 0      # tag versions closed in tag_history
    duration_s: float = 0.0
    interrupted: bool = False
    model: str = "offline"     # the model that analyzed this build's users ('offline' when none did)
    threshold: float = DEFAULT_THRESHOLD
    error_messages: list[str] = field(default_factory=list)
    fallback_reason: str | None = None   # why the first fallback user was analyzed offline
    rfm_bands: str | None = None         # the RFM bands, when this build fitted them to the shop

    @property
    def skipped(self) -> int:
        """Users left alone: their profile is newer than their data (or they were not asked for)."""
        return self.total_users - self.selected

    @property
    def users_per_s(self) -> float:
        return self.done / self.duration_s if self.duration_s > 0 else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "skipped": self.skipped, "users_per_s": round(self.users_per_s, 1)}


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build: every finished batch is kept; ``report`` says how far it got."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__("build interrupted")
        self.report = report


def resolve_threshold(threshold: float | None) -> float:
    """The explicit value, else $PERSONA_TAG_THRESHOLD, else 0.6."""
    if threshold is None:
        raw = os.environ.get("PERSONA_TAG_THRESHOLD")
        try:
            threshold = float(raw) if raw else DEFAULT_THRESHOLD
        except ValueError:
            raise BuildError(f"$PERSONA_TAG_THRESHOLD={raw!r} is not a number") from None
    if not 0.0 <= threshold <= 1.0:
        raise BuildError(f"threshold {threshold} must be between 0 and 1")
    return threshold


def build_profiles(db_path: str, *, user_ids: list[str] | None = None, since: str | None = None,
                   rebuild_all: bool = False, threshold: float | None = None, model=None,
                   make_model: Callable[[], Any] | None = None, concurrency: int = 4,
                   on_progress: Callable[[BuildReport], None] | None = None,
                   batch_size: int | None = None) -> BuildReport:
    """Build (or rebuild) profiles and write them to the database.

    Args:
        db_path: the Persona database.
        user_ids: only these users (aliases are resolved); unknown ids raise BuildError.
        since: users whose data was ingested (added or changed; ``users.data_updated_at``) at or
            after this ISO-8601 time, whatever the dates inside the data.
        rebuild_all: every user, whatever their profile's age.
        threshold: tags below this confidence get status 'observe' (default $PERSONA_TAG_THRESHOLD or 0.6).
        model: a LangChain chat model for the one-call-per-user path; None = offline analyzers.
        make_model: instead of ``model``, a function returning one (or None for offline), called
            only when some user needs building: an up-to-date database never loads the model client.
        concurrency: parallel model calls.
        on_progress: called with the report after every batch.
        batch_size: users per batch and transaction (default 500 offline, 4 x concurrency with a model).

    Returns:
        A BuildReport. Raises BuildInterrupted (a KeyboardInterrupt) on Ctrl-C, after rolling back
        only the batch in flight.

    Example:
        >>> report = build_profiles("shop.db")
        >>> report.built, report.skipped
    """
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    report = BuildReport(threshold=resolve_threshold(threshold))
    conn = connect(db_path)
    try:
        sync_to_db(conn, taxonomy)  # one transaction (before autocommit mode below)
        conn.isolation_level = None  # from here on explicit BEGIN/COMMIT: one transaction per batch
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB of page cache for the index updates
        selection = _selection(conn, user_ids, since, rebuild_all)
        report.total_users = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
        report.selected = selection.count(conn)
        conn.execute("BEGIN")
        ensure_rule_segments(conn, datetime.now().replace(microsecond=0).isoformat())
        conn.execute("COMMIT")
        if on_progress:
            on_progress(report)
        if report.selected:
            if make_model is not None:
                model = make_model()
            bands = settle_bands(conn, decide_again=rebuild_all)
            if rebuild_all or report.selected == report.total_users:   # a full build says what it scored with
                report.rfm_bands = bands.calibrated()
            workflow = _workflow(conn, taxonomy, db_path, model, concurrency, report, bands)
            size = batch_size or (OFFLINE_BATCH if model is None else max(8, 4 * concurrency))
            try:
                with _fewer_gc_pauses():
                    for ids, newest in selection.batches(conn, size):
                        _build_batch(conn, workflow, ids, newest, report)
                        report.duration_s = time.perf_counter() - started
                        if on_progress:
                            on_progress(report)
            except KeyboardInterrupt:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                report.interrupted = True
                report.duration_s = time.perf_counter() - started
                raise BuildInterrupted(report) from None
        if report.built:
            _refresh_rule_segment_sizes(conn)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    if report.built:
        _refresh_saved_segments(db_path)
    report.duration_s = time.perf_counter() - started
    _audit_build(db_path, report)
    return report


def build_one(db_path: str, user_id: str, model=None) -> dict:
    """Rebuild one user now and return their profile (as ``load_profile`` gives it)."""
    build_profiles(db_path, user_ids=[user_id], model=model, concurrency=1)
    profile = load_profile(db_path, user_id)
    if profile is None:  # deleted between the build and the read
        raise BuildError(f"unknown user id: {user_id}")
    return profile


@contextmanager
def _fewer_gc_pauses():
    """A batch allocates hundreds of thousands of short-lived objects; with the default threshold
    (700) the cycle collector runs thousands of times per batch and costs ~15 % of the build, at
    50 000 still 0.3 s of a 10k build, at 200 000 0.1 s, with the same peak memory. Collect that
    rarely while building, then restore the setting."""
    previous = gc.get_threshold()
    gc.set_threshold(200_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _read_stamp(newest_data: str) -> str:
    """The second to record as built_at: strictly after the second the newest data was stamped."""
    now = datetime.now()
    if newest_data[:19] >= now.isoformat(timespec="seconds"):
        time.sleep(1.0 - now.microsecond / 1e6)
        now = datetime.now()
    return now.isoformat(timespec="seconds")


def _workflow(conn, taxonomy: Taxonomy, db_path: str, model, concurrency: int, report: BuildReport,
              rfm_bands):
    """The analyzer (offline, or the model with offline fallback) and the compiled workflow.

    Imported here, not at module level: LangGraph, the analyzers and the model path take seconds
    to load, which a build with nobody to build never needs.
    """
    from tools.profile.analysis import ModelAnalyzer, OfflineAnalyzer
    from tools.profile.llm_profile import LLMProfiler
    from tools.profile.workflow import ProfileWorkflow, WorkflowContext

    offline = OfflineAnalyzer()
    if model is None:
        analyzer = offline
    else:
        analyzer = ModelAnalyzer(LLMProfiler(model, taxonomy, db_path, concurrency=concurrency), offline)
        report.model = analyzer.model_name
    ctx = WorkflowContext(taxonomy=taxonomy, analyzer=analyzer, norms=CategoryNorms.from_db(conn),
                          threshold=report.threshold, rfm_bands=rfm_bands, brands=brand_interests(conn, taxonomy))
    return ProfileWorkflow(ctx)


def _build_batch(conn, workflow, ids: list[str], newest_data: str, report: BuildReport) -> None:
    stamp = _read_stamp(newest_data)
    users = load_users(conn, ids)
    state = workflow.run(users)
    drafts = [d for d in state["drafts"].values() if d.profile is not None]
    conn.execute("BEGIN IMMEDIATE")
    report.history_rows += write_batch(conn, drafts, built_at=stamp, stamp=stamp, workflow_version=workflow.version)
    conn.execute("COMMIT")
    failed = {uid for uid, messages in state["errors"].items() if messages}
    report.done += len(ids)
    report.built += len(drafts)
    report.errors += len(failed | (set(ids) - {d.user_id for d in drafts}))
    report.fallbacks += sum(1 for d in drafts if d.fallback)
    if report.fallback_reason is None:
        report.fallback_reason = next((work.analysis.notes[-1] for uid, work in sorted(state["work"].items())
                                       if work.analysis and work.analysis.fallback and work.analysis.notes), None)
    report.llm_calls += sum(work.analysis.calls for work in state["work"].values() if work.analysis)
    for uid in sorted(failed):
        if len(report.error_messages) < MAX_REPORTED_ERRORS:
            report.error_messages.append(f"{uid}: {'; '.join(state['errors'][uid])[:300]}")


# --- choosing users -------------------------------------------------------------------------------

@dataclass
class _Selection:
    where: str
    params: list

    def count(self, conn) -> int:
        return conn.execute(f"SELECT COUNT(*) FROM users u LEFT JOIN profiles p USING (user_id) WHERE {self.where}",
                            self.params).fetchone()[0]

    def batches(self, conn, size: int):
        """(user ids, newest data_updated_at) per batch, by keyset pagination: never the whole list
        in memory."""
        last = ""
        while True:
            rows = conn.execute(
                f"SELECT u.user_id, u.data_updated_at FROM users u LEFT JOIN profiles p USING (user_id) "
                f"WHERE ({self.where}) AND u.user_id > ? ORDER BY u.user_id LIMIT ?", [*self.params, last, size]
            ).fetchall()
            if not rows:
                return
            yield [uid for uid, _ in rows], max(stamp or "" for _, stamp in rows)
            last = rows[-1][0]


def _selection(conn, user_ids: list[str] | None, since: str | None, rebuild_all: bool) -> _Selection:
    if user_ids:
        canonical = []
        for requested in user_ids:
            row = conn.execute("SELECT user_id FROM users WHERE user_id = ? UNION ALL "
                               "SELECT user_id FROM user_aliases WHERE alias_id = ?", (requested, requested)).fetchone()
            if row is None:
                raise BuildError(f"unknown user id: {requested}")
            canonical.append(row[0])
        unique = list(dict.fromkeys(canonical))
        return _Selection(f"u.user_id IN ({','.join('?' * len(unique))})", unique)
    if since:
        if parse_time(since) is None:
            raise BuildError(f"--since {since!r} is not an ISO-8601 time (e.g. 2026-11-01 or 2026-11-01T08:00:00)")
        return _Selection("u.data_updated_at >= ?", [since])
    if rebuild_all:
        return _Selection("1", [])
    return _Selection("p.user_id IS NULL OR u.data_updated_at >= p.built_at", [])


# --- after the build ---------------------------------------------------------------------------------

def _refresh_rule_segment_sizes(conn) -> None:
    now = datetime.now().replace(microsecond=0).isoformat()
    conn.execute("BEGIN IMMEDIATE")
    for segment in RULE_SEGMENTS:
        size = conn.execute("SELECT COUNT(*) FROM segment_members WHERE segment_id = ?",
                            (segment.segment_id,)).fetchone()[0]
        conn.execute("INSERT INTO segment_sizes (segment_id, size, at) VALUES (?, ?, ?)",
                     (segment.segment_id, size, now))
        conn.execute("UPDATE segments SET refreshed_at = ? WHERE segment_id = ?", (now, segment.segment_id))
    conn.execute("COMMIT")


def _refresh_saved_segments(db_path: str) -> None:
    """Saved segments follow the new profiles (tools/segments.py, when that module provides it)."""
    if importlib.util.find_spec("tools.segments") is None:
        return
    from tools import segments

    refresh = getattr(segments, "refresh_saved_segments", None)
    if refresh is not None:
        refresh(db_path)


def _audit_build(db_path: str, report: BuildReport) -> None:
    from tools.audit import log_event

    log_event(db_path, "build", status="ok" if not report.errors else "error", row_count=report.built,
              duration_ms=round(report.duration_s * 1000, 1), model=report.model,
              detail=json.dumps({k: v for k, v in report.to_dict().items() if k != "error_messages"}))
