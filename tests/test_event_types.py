"""Event types beyond a web shop's: a gym's check-ins and bookings, and any type of a shop's own.

Spellings of a known type (签到, check-in, 到店 → checkin; 预约, reservation, 报名 → booking) map to
it; any other type is kept under its normalized name, said once in the ingest summary, and every
event counts as activity (last_active_at, lifecycle).
"""

import json
from datetime import datetime, timedelta

from agent.cli import main
from tests.db_helpers import rows
from tests.planner_helpers import answer_users
from tools.ingest import ingest_file
from tools.profile.build import build_profiles

TODAY = datetime.now().replace(microsecond=0)


def _day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat(sep=" ")


def _ingest_cli(capsys, db, *paths):
    code = main(["ingest", *map(str, paths), "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_gym_check_ins_bookings_and_own_types_in_a_csv_are_kept(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(
        "user_id,event_type,target,date\n"
        f"g1,签到,上海静安店,{_day(3)}\n"
        f"g1,Check-in,上海静安店,{_day(10)}\n"
        f"g1,到店,上海静安店,{_day(17)}\n"
        f"g1,预约,瑜伽课,{_day(2)}\n"
        f"g2,reservation,HIIT,{_day(5)}\n"
        f"g2,报名,普拉提,{_day(6)}\n"
        f"g2,Body Scan,InBody,{_day(4)}\n"
        f"g2,body-scan,InBody,{_day(40)}\n"
        f"g3,体测,,{_day(8)}\n"
        f"g3,浏览,蛋白粉,{_day(8)}\n", encoding="utf-8")
    code, out, err = _ingest_cli(capsys, tmp_path / "gym.db", path)
    assert code == 0
    assert "skipped" not in out + err and "unknown event type" not in err
    assert rows(tmp_path / "gym.db", "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type") == [
        ("body_scan", 2), ("booking", 3), ("checkin", 3), ("view", 1), ("体测", 1)]
    kept = [line for line in out.splitlines() if line.startswith("kept ")]
    assert kept == [
        "kept 2 events of a type Persona does not know as 'body_scan' (they count as activity for recency "
        "and lifecycle; ask for them in SQL: events.type = 'body_scan')",
        "kept 1 event of a type Persona does not know as '体测' (they count as activity for recency "
        "and lifecycle; ask for them in SQL: events.type = '体测')"]


def test_own_event_types_in_jsonl_are_kept_and_counted_in_the_report(tmp_path):
    path = tmp_path / "users.jsonl"
    records = [
        {"user_id": "j1", "events": [{"type": "签到", "at": _day(1)}, {"type": "Locker Rental", "at": _day(2)},
                                     {"type": "appointment", "target": "私教课", "at": _day(3)}]},
        {"user_id": "j2", "events": [{"type": "locker_rental", "at": _day(4)}, {"type": "", "at": _day(4)},
                                     {"type": "x" * 41, "at": _day(4)}]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    seen = []
    report = ingest_file(tmp_path / "p.db", path, on_error=seen.append)
    assert dict(report.other_event_types) == {"locker_rental": 2}
    assert rows(tmp_path / "p.db", "SELECT user_id, type FROM events ORDER BY user_id, at DESC") == [
        ("j1", "checkin"), ("j1", "locker_rental"), ("j1", "booking"), ("j2", "locker_rental")]
    # an empty type and a text far too long to be a type are still skipped, with a reason
    assert [(issue.line, issue.field) for issue in seen] == [(2, "events[1].type"), (2, "events[2].type")]
    assert "missing event type" in str(seen[0]) and "longer than 40 characters" in str(seen[1])


def test_a_member_who_checks_in_weekly_is_not_dormant_or_at_risk(tmp_path, capsys):
    """Their last order (an annual card) is a year old; only the check-ins say they still come."""
    users = tmp_path / "customers.csv"
    users.write_text(f"user_id,name,registered_at\nm1,李雷,{_day(400)}\nm2,韩梅梅,{_day(400)}\n", encoding="utf-8")
    orders = tmp_path / "orders.csv"
    orders.write_text(f"user_id,order_id,product,amount,date\nm1,o1,年卡,3999,{_day(300)}\n"
                      f"m2,o2,年卡,3999,{_day(300)}\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("user_id,event_type,target,date\n" + "".join(
        f"m1,签到,杭州西湖店,{_day(days)}\n" for days in range(2, 120, 7)), encoding="utf-8")
    db = tmp_path / "gym.db"
    assert _ingest_cli(capsys, db, users, orders, events)[0] == 0
    build_profiles(str(db))
    stages = dict(rows(db, "SELECT user_id, lifecycle FROM profiles ORDER BY user_id"))
    assert stages["m1"] not in ("dormant", "churn_risk")
    assert stages["m2"] == "dormant"      # the same member without check-ins: the check-ins made the difference
    # and the chat can ask for them
    assert answer_users(str(db), "最近30天到店过的会员") == {"m1"}
    assert answer_users(str(db), "members who haven't checked in for 60 days") == {"m2"}
