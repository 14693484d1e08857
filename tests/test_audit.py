"""The audit log writer: one row per event, through its own writable connection."""

from __future__ import annotations

import json
import threading

import pytest

from schema.db import SchemaError, connect
from tools.audit import log_event, recent_events
from tools.sql_guard import run_sql


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    connect(path).close()
    return path


def test_every_field_is_kept(db):
    log_event(db, "llm", status="fallback", thread="t1", question="谁喜欢户外?", statement=None,
              row_count=None, duration_ms=812.3456, tokens_in=1200, tokens_out=80, model="gpt-x",
              detail={"error": "timeout", "attempt": 2})
    [event] = recent_events(db)
    assert event["kind"] == "llm" and event["status"] == "fallback"
    assert (event["thread"], event["question"], event["model"]) == ("t1", "谁喜欢户外?", "gpt-x")
    assert (event["tokens_in"], event["tokens_out"], event["duration_ms"]) == (1200, 80, 812.346)
    assert json.loads(event["detail"]) == {"error": "timeout", "attempt": 2}
    assert event["at"][:4].isdigit() and "T" in event["at"]


def test_recent_events_newest_first_and_limited(db):
    for number in range(5):
        log_event(db, "question", question=f"q{number}")
    assert [e["question"] for e in recent_events(db, limit=3)] == ["q4", "q3", "q2"]
    assert recent_events(db, limit=0) == []


def test_plain_text_detail(db):
    log_event(db, "tool", status="error", detail="segment refresh failed")
    assert recent_events(db)[0]["detail"] == "segment refresh failed"


def test_logging_never_creates_a_database(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(SchemaError, match="no such database"):
        log_event(missing, "question", question="hello")
    assert not missing.exists()


def test_concurrent_writers_lose_nothing(db):
    def write(worker: int) -> None:
        for number in range(15):
            log_event(db, "tool", thread=f"w{worker}", detail=str(number))

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = recent_events(db, limit=100)
    assert len(events) == 60
    assert {(e["thread"], e["detail"]) for e in events} == {(f"w{w}", str(n)) for w in range(4) for n in range(15)}


def test_the_audit_log_is_not_reachable_through_the_guard(db):
    log_event(db, "question", question="secret question")
    with pytest.raises(Exception, match="audit_log is not queryable"):
        run_sql(db, "SELECT question FROM audit_log")
    assert recent_events(db, limit=1)[0]["status"] == "refused"
