"""`persona build` and `persona profile` as commands, and the profile card rendered to text."""

import io
import json

import pytest
from rich.console import Console

from agent.cli import main
from agent.render_profile import ProfileCard, confidence_bar, polarity_bar
from tools.ingest import ingest_records
from tests.db_helpers import ago


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    ingest_records(path, [
        {"user_id": "u1", "attributes": {"name": "李娜", "gender": "女", "age": 29, "city": "上海", "member_level": "gold"},
         "orders": [{"order_id": "o1", "product": "登山鞋", "category": "户外装备", "amount": 899, "ordered_at": ago(3)},
                    {"order_id": "o2", "product": "帐篷", "category": "露营", "amount": 1299, "ordered_at": ago(9)}],
         "texts": [{"text_id": "t1", "source": "review", "text": "登山鞋很好穿,就是价格太贵了", "at": ago(2)}]},
        {"user_id": "u2", "attributes": {"name": "Tom", "age": 41}},
    ])
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_prints_a_summary_and_is_incremental(db, capsys):
    code, out, err = run(capsys, "build", "--db", db)
    assert code == 0 and out.startswith("built 2 · skipped 0 · errors 0 · fallbacks 0 ·") and "offline" in out
    code, out, err = run(capsys, "build", "--db", db)
    assert code == 0 and out.startswith("built 0 · skipped 2 ·")
    assert "every profile is up to date with its data; `persona build --all` rebuilds them anyway" in err
    code, out, _ = run(capsys, "build", "--user", "u2", "--threshold", "0.7", "--db", db)
    assert code == 0 and out.startswith("built 1 · skipped 1 ·")


@pytest.mark.parametrize("argv, message", [
    (["build", "--user", "ghost"], "unknown user id: ghost"),
    (["build", "--since", "yesterday-ish"], "not an ISO-8601 time"),
    (["build", "--threshold", "7"], "between 0 and 1"),
])
def test_build_refuses_bad_requests(db, capsys, argv, message):
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 1 and message in err


def test_build_without_a_database(tmp_path, capsys):
    code, _, err = run(capsys, "build", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in err and not (tmp_path / "none.db").exists()


def test_profile_json_and_card(db, capsys):
    run(capsys, "build", "--db", db)
    code, out, _ = run(capsys, "profile", "u1", "--json", "--db", db)
    profile = json.loads(out)
    assert code == 0 and profile["user_id"] == "u1" and profile["profile"]["lifecycle"]
    assert {"outdoor_sports", "camping", "gender_female", "member_gold"} <= {t["tag_id"] for t in profile["tags"]}
    code, out, _ = run(capsys, "profile", "u1", "--lang", "zh", "--db", db)
    assert code == 0 and "李娜 · u1" in out and "兴趣爱好" in out and "户外运动" in out and "价格" in out


def test_a_chinese_card_says_its_evidence_in_chinese_and_the_json_keeps_the_stored_text(db, capsys):
    """'member level gold' on a Chinese card reads 会员等级：金卡会员; the customer's own words stay as
    written; --json keeps ``evidence`` as stored and adds ``evidence_display`` in --lang."""
    run(capsys, "build", "--db", db)
    code, out, _ = run(capsys, "profile", "u1", "--json", "--lang", "zh", "--db", db)
    tags = {t["tag_id"]: t for t in json.loads(out)["tags"]}
    assert code == 0 and tags["member_gold"]["evidence"] == "member level gold"
    assert tags["member_gold"]["evidence_display"] == "会员等级：金卡会员"
    assert tags["camping"]["evidence"].startswith("order: 帐篷 (")
    assert tags["camping"]["evidence_display"].startswith("订单：帐篷（")
    assert tags["outdoor_sports"]["evidence_display"] == "登山鞋很好穿（另有 2 笔订单）"   # the quote as written
    code, out, _ = run(capsys, "profile", "u1", "--json", "--lang", "en", "--db", db)
    assert {t["tag_id"]: t["evidence_display"] for t in json.loads(out)["tags"]}["member_gold"] == "member level gold"
    code, card, _ = run(capsys, "profile", "u1", "--lang", "zh", "--db", db)
    assert "会员等级：金卡会员" in card and "年龄 29 岁" in card and "上海（一线城市）" in card, card
    assert "订单：帐篷（" in card and "登山鞋很好穿（另有 2 笔订单）" in card and "注册 " in card, card
    for english in ("member level", "gender female", "age 29", "(tier 1)", "order:", "orders", "known for",
                    "days ago", "score ", "review,"):
        assert english not in card, (english, card)


def test_profile_of_unknown_or_unbuilt_users(db, capsys):
    code, _, err = run(capsys, "profile", "ghost", "--db", db)
    assert code == 1 and "no user 'ghost'" in err
    code, _, err = run(capsys, "profile", "u2", "--db", db)
    assert code == 1 and "persona build --user u2" in err


def test_bars():
    assert confidence_bar(0.72).plain == "███████░░░ 0.72"
    assert confidence_bar(1.0).plain == "██████████ 1.00"
    assert polarity_bar(-0.6).plain == "  ███│      -0.60"
    assert polarity_bar(0.4).plain == "     │██    +0.40"


CARD = {
    "user_id": "u42", "requested_id": "u42", "language": "en",
    "user": {"user_id": "u42", "name": "Li Na", "gender": "female", "age": 29, "city": "上海", "city_tier": 1,
             "member_level": "gold", "occupation": None},
    "profile": {"completeness": 0.8, "lifecycle": "mature", "consumption": "quality_seeker", "rfm_recency": 5,
                "rfm_frequency": 4, "rfm_monetary": 3, "order_count": 7, "total_spend": 3210.0,
                "summary": "Li Na, 29, female. Mature customer, quality seeker.", "status": "completed", "errors": None,
                "built_at": "2026-11-22T10:00:00", "model": "offline", "fallback": 0},
    "tags": [
        {"tag_id": "outdoor_sports", "name": "Outdoor sports", "category": "interests", "path": "outdoor_sports",
         "confidence": 0.92, "status": "active", "version": 2, "evidence": "order: hiking boots (+2 orders)"},
        {"tag_id": "hiking", "name": "Hiking", "category": "interests", "path": "outdoor_sports/hiking",
         "confidence": 0.88, "status": "active", "version": 1, "evidence": "周末去徒步"},
        {"tag_id": "books", "name": "Books", "category": "interests", "path": "books",
         "confidence": 0.3, "status": "observe", "version": 1, "evidence": "view: 三体"},
        {"tag_id": "mature", "name": "Mature", "category": "lifecycle", "path": "mature",
         "confidence": 0.9, "status": "active", "version": 1, "evidence": "7 orders"},
        {"tag_id": "quality_seeker", "name": "Quality seeker", "category": "consumption", "path": "quality_seeker",
         "confidence": 0.8, "status": "active", "version": 1, "evidence": "score +0.10"},
    ],
    "aspects": [{"aspect": "price", "name": "Price", "mentions": 2, "mean_polarity": -0.6, "negative": 2, "positive": 0,
                 "evidence": "价格太贵了"}],
    "intents": [{"intent": "purchase", "name": "Purchase", "target": "mobile_phones", "target_name": "Mobile phones",
                 "priority": 1, "status": "active", "expires_at": "2026-12-01T00:00:00", "evidence": "想买新手机"}],
    "values": [{"value_id": "adventurous", "name": "Adventurous", "confidence": 0.7, "status": "active",
                "evidence": "徒步"},
               {"value_id": "tech_optimist", "name": "Tech optimist", "confidence": 0.56, "status": "observe",
                "evidence": "想买新手机"}],
    "segments": [{"segment_id": "rule_high_value", "name": "rule_high_value", "name_zh": "高价值客户",
                  "name_en": "High-value customers", "kind": "rule", "probability": 1.0}],
    "evidence": [{"ref": "text:t1", "source": "post", "text": "周末去徒步", "at": "2026-11-20T10:00:00",
                  "supports": ["Hiking", "Adventurous"]}],
    "history": [{"tag_id": "growing", "category": "lifecycle", "confidence": 0.9, "status": "active", "version": 1,
                 "valid_from": "2026-10-01T00:00:00", "valid_to": "2026-11-22T10:00:00", "change": "replaced_by:mature"}],
}

EXPECTED = """\
╭─ Li Na · u42 ──────────────────────────────────────────────────────────────────────────╮
│ female · 29 · Shanghai (Tier-1 city) · Gold member                                     │
│ Mature · Quality seeker · RFM R5 F4 M3 · 7 orders · ¥3,210                             │
│ completeness ████████░░ 0.80 · built 2026-11-22 10:00 · offline                        │
│                                                                                        │
│ Li Na, 29, female. Mature customer, quality seeker.                                    │
╰────────────────────────────────────────────────────────────────────────────────────────╯
Tags
 Lifecycle    Mature          █████████░ 0.90  v1       7 orders
 Consumption  Quality seeker  ████████░░ 0.80  v1       score +0.10
 Interests    Outdoor sports  █████████░ 0.92  v2       order: hiking boots (+2 orders)
                Hiking        █████████░ 0.88  v1       周末去徒步
              Books           ███░░░░░░░ 0.30  observe  view: 三体
Feelings by aspect
 Price    ███│      -0.60  2 of 2 negative  “价格太贵了”
Intents
 P1  Purchase  Mobile phones  active  → 2026-12-01  想买新手机
Values
 Adventurous    ███████░░░ 0.70           徒步
 Tech optimist  ██████░░░░ 0.56  observe  想买新手机
Segments: High-value customers
Evidence
  “周末去徒步” — post, 2026-11-20 → Hiking, Adventurous
Recent changes
  2026-11-22  growing v1 (0.90, active) → replaced by Mature
"""


def render(renderable, width=90) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def test_card_renders_exactly():
    assert render(ProfileCard(CARD)) == EXPECTED


def test_values_are_marked_observe_only_when_one_is_below_the_threshold():
    active_only = render(ProfileCard({**CARD, "values": CARD["values"][:1]}))
    assert "\n Adventurous  ███████░░░ 0.70  徒步\n" in active_only and "Tech optimist" not in active_only
    zh = render(ProfileCard({**CARD, "language": "zh"}, lang="zh"))
    assert "0.56  观察中" in zh


def test_card_for_a_user_without_a_profile():
    text = render(ProfileCard({**CARD, "profile": None}), width=60)
    assert "no profile yet: run `persona build --user u42`" in text
