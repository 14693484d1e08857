"""`persona demo` moves the static demo to the present so its 'last 7 days' stories stay true."""

from datetime import date, timedelta

from seeds.demo import ANCHOR, demo_records, shift_times
from seeds.make_demo import ANCHOR as MAKE_DEMO_ANCHOR


def test_anchor_matches_the_demo_maker():
    assert ANCHOR == MAKE_DEMO_ANCHOR.date()


def test_times_move_by_whole_days_and_nothing_else_changes():
    at_anchor = list(demo_records(ANCHOR))
    later = list(demo_records(ANCHOR + timedelta(days=40)))
    assert len(at_anchor) == len(later) > 150
    first_with_text = next(i for i, r in enumerate(at_anchor) if r.get("texts"))
    before = at_anchor[first_with_text]["texts"][0]["at"]
    after = later[first_with_text]["texts"][0]["at"]
    assert date.fromisoformat(after[:10]) - date.fromisoformat(before[:10]) == timedelta(days=40)
    assert before[10:] == after[10:]
    assert later[first_with_text]["texts"][0]["text"] == at_anchor[first_with_text]["texts"][0]["text"]


def test_bad_times_are_left_for_ingest_to_report():
    record = {"user_id": "x", "orders": [{"ordered_at": "not a time"}], "attributes": {"registered_at": "2026-01-02"}}
    shifted = shift_times(record, timedelta(days=3))
    assert shifted["orders"][0]["ordered_at"] == "not a time"
    assert shifted["attributes"]["registered_at"] == "2026-01-05"
