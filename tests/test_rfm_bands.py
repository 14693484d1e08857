"""RFM bands fitted to the shop (tools/profile/rfm_bands.py): a café whose best customer spent
¥1,000 still has champions; an e-commerce shop keeps the fixed bands; the decision is stored and
kept by incremental builds, and `--all` decides again."""

import json

from agent.cli import main
from tools.ingest import ingest_records
from tools.profile.build import build_profiles
from tools.profile.explicit import band_score
from tools.profile.rfm_bands import FIXED, RfmBands, calibrated, fits, stored_bands
from schema.db import connect
from tests.db_helpers import ago, rows


def cafe_customer(index: int) -> dict:
    """Customer i of 30: i % 6 + 1 visits of 18–60 yuan each, the last one a week ago."""
    visits = index % 6 + 1
    return {"user_id": f"c{index:02d}", "attributes": {"name": f"客人{index}", "gender": "female", "age": 30,
                                                       "registered_at": ago(400)[:10]},
            "orders": [{"order_id": f"c{index:02d}-{n}", "product": "手冲咖啡", "category": "咖啡",
                        "amount": 18.0 + 2 * index + n, "ordered_at": ago(7 + 20 * n)} for n in range(visits)]}


def cafe_db(tmp_path, customers=30):
    db = str(tmp_path / "cafe.db")
    ingest_records(db, [cafe_customer(i) for i in range(customers)])
    return db


def test_small_tickets_do_not_fit_the_fixed_bands_and_get_quintiles():
    spend = [20.0 + 10 * i for i in range(50)]                 # 20 … 510: almost everyone M1
    assert not fits(spend, FIXED.monetary)
    bands = calibrated(spend, FIXED.monetary)
    assert bands.source == "calibrated" and bands.limits == (420.0, 320.0, 220.0, 120.0)


def test_ties_stay_in_one_band_and_a_flat_distribution_keeps_the_fixed_bands():
    orders = [6] * 15 + [5] * 5 + [4] * 10 + [3] * 5 + [2] * 11 + [1] * 5
    assert calibrated(orders, FIXED.frequency).limits == (6.0, 5.0, 4.0, 2.0)   # 29 / 39 / 59 / 90 % reach them
    assert calibrated([1] * 40, FIXED.frequency) is FIXED.frequency           # everyone ordered once


def test_few_distinct_order_counts_step_one_score_per_count():
    """A school: 45 learners bought 1 to 4 courses. The quintiles collapse into ties (3 orders is
    nearest both 20 % and 40 %), and the fixed bands put nobody above F3: each count is a step."""
    orders = [4] + [3] * 12 + [2] * 11 + [1] * 21
    assert not fits(orders, FIXED.frequency)
    bands = calibrated(orders, FIXED.frequency)
    assert bands.source == "calibrated" and bands.limits == (4.0, 3.0, 2.0, 2.0)
    assert [band_score(n, bands.limits) for n in (4, 3, 2, 1)] == [5, 4, 3, 1]
    assert RfmBands(bands, FIXED.monetary).calibrated() == "orders F5 ≥ 4, F4 ≥ 3, F3 ≥ 2 (fitted to your 45 buyers)"


def school_learner(index: int) -> dict:
    """Learner i of 24: i % 3 + 1 courses of ¥1,999–3,999, the last one two weeks ago."""
    return {"user_id": f"L{index:02d}", "attributes": {"registered_at": ago(400)[:10]},
            "orders": [{"order_id": f"L{index:02d}-{n}", "product": "雅思口语直播课", "category": "英语",
                        "amount": 1999.0 + 1000 * n, "ordered_at": ago(14 + 40 * n)} for n in range(index % 3 + 1)]}


def test_a_school_whose_learners_buy_few_dear_courses_has_high_value_customers(tmp_path):
    db = str(tmp_path / "school.db")
    ingest_records(db, [school_learner(i) for i in range(24)])
    assert main(["build", "--db", db]) == 0
    members = {r[0] for r in rows(db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_high_value'")}
    # orders F5 ≥ 3, F4 ≥ 2; spend M5 ≥ 8,997, M4 ≥ 4,998: two or three recent courses; one is not enough
    assert members == {f"L{i:02d}" for i in range(24) if i % 3 > 0}


def test_an_ecommerce_spread_fits_the_fixed_bands():
    spend = [300.0] * 20 + [800.0] * 30 + [2000.0] * 30 + [5000.0] * 15 + [12000.0] * 5
    assert fits(spend, FIXED.monetary)


def test_a_cafe_build_fits_the_bands_stores_them_and_finds_high_value_customers(tmp_path, capsys):
    db = cafe_db(tmp_path)
    assert main(["build", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "  RFM bands: orders F5 ≥ 6, F4 ≥ 5, F3 ≥ 3, F2 ≥ 2; spend M5 ≥ " in out   # 17 / 33 / 67 / 83 % reach them
    assert out.rstrip().endswith("(fitted to your 30 buyers)")
    conn = connect(db)
    bands = stored_bands(conn)
    conn.close()
    assert bands.monetary.source == bands.frequency.source == "calibrated" and bands.monetary.buyers == 30
    assert max(rows(db, "SELECT SUM(amount) FROM orders GROUP BY user_id"))[0] < 500   # all M1 with fixed bands
    champions = rows(db, "SELECT COUNT(*) FROM tags WHERE tag_id = 'rfm_champion' AND status = 'active'")[0][0]
    members = rows(db, "SELECT COUNT(*) FROM segment_members WHERE segment_id = 'rule_high_value'")[0][0]
    assert champions > 0 and members >= champions


def test_incremental_builds_keep_the_stored_bands_and_all_decides_again(tmp_path):
    db = cafe_db(tmp_path)
    build_profiles(db)
    before = rows(db, "SELECT value FROM settings WHERE key = 'rfm_bands'")[0][0]
    big = [{"user_id": f"w{i}", "orders": [{"order_id": f"w{i}", "product": "咖啡机", "amount": 9000.0,
                                            "ordered_at": ago(1)}]} for i in range(30)]
    ingest_records(db, big)
    report = build_profiles(db)
    assert report.built == 30 and report.rfm_bands is None             # an incremental build: nothing to say
    assert rows(db, "SELECT value FROM settings WHERE key = 'rfm_bands'")[0][0] == before
    assert rows(db, "SELECT rfm_monetary FROM profiles WHERE user_id = 'w0'") == [(5,)]
    build_profiles(db, rebuild_all=True)
    after = json.loads(rows(db, "SELECT value FROM settings WHERE key = 'rfm_bands'")[0][0])
    assert after["monetary"]["source"] == "fixed"    # half the buyers now spend ≥ 4,000: the fixed bands fit


def test_too_few_buyers_keep_the_fixed_bands_without_storing_them(tmp_path):
    db = cafe_db(tmp_path, customers=10)
    report = build_profiles(db)
    assert report.rfm_bands is None
    assert rows(db, "SELECT COUNT(*) FROM settings") == [(0,)]
    assert set(rows(db, "SELECT rfm_monetary FROM profiles")) == {(1,)}


def test_big_spenders_in_the_chat_are_the_shops_own(tmp_path):
    from tests.agent_helpers import conversation
    from tools.profile.rfm_bands import high_spend_line

    db = cafe_db(tmp_path)
    assert high_spend_line(db) == FIXED.monetary.limits[1]          # no build yet: the fixed line
    build_profiles(db)
    line = high_spend_line(db)
    assert line < 500 and line == stored_bands(connect(db)).monetary.limits[1]
    english, = conversation(db, "cafe-big", "big spenders")
    chinese, = conversation(db, "cafe-big-zh", "高消费客户有哪些")
    spenders = {user for (user,) in rows(db, "SELECT user_id FROM orders GROUP BY user_id HAVING SUM(amount) >= ?", line)}
    assert spenders and set(english.user_ids) == spenders == set(chinese.user_ids)
    assert f"spent at least {line:g} in total" in english.text and f"累计消费≥{line:g}元" in chinese.text


def test_the_spend_line_of_a_database_that_cannot_tell_is_the_fixed_one(tmp_path):
    from tools.profile.rfm_bands import high_spend_line
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    assert high_spend_line(str(tmp_path / "missing.db")) == high_spend_line(str(other)) == FIXED.monetary.limits[1]
