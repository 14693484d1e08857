"""A newcomer's review of the offline planner, through the real offline agent on the demo data.

An answer-language request inside a question is honoured ("用中文给我…", "answer in English"); questions
about orders count orders (and sum their amounts), not users, and the answer says so; ranking
phrasings (sort order, the lowest first, the latest buyers); "which of them are high value" narrows to
the rule segment; "add men too" widens the named condition (OR) while a correction still replaces it.
(Month ranges: tests/test_planner_operator_limits.py.)
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.agent_helpers import built_demo_db, conversation
from tests.db_helpers import rows


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return built_demo_db(tmp_path_factory.mktemp("newcomer"))


def ids(db: str, sql: str) -> set[str]:
    return {row[0] for row in rows(db, sql)}


# --- the answer's language --------------------------------------------------------------------------

@pytest.mark.parametrize("question, lang", [
    ("answer in English: 上海的女性用户有多少", "en"),
    ("请用英文回答：上海有多少女性用户", "en"),
    ("上海的女性用户有多少？英文回复", "en"),
    ("how many women in Shanghai, in Chinese please", "zh"),
    ("please reply in Chinese: how many women live in Shanghai", "zh"),
])
def test_an_answer_language_asked_for_is_the_answers(demo_db, question, lang):
    women = ids(demo_db, "SELECT user_id FROM users WHERE city = '上海' AND gender = 'female'")
    answer, = conversation(demo_db, f"lang-{abs(hash(question))}", question)
    assert answer.error is None and answer.row_count == len(women), answer.text
    chinese = bool(re.search(r"[\u4e00-\u9fff]{2}", answer.text.replace("上海", "")))
    assert chinese == (lang == "zh"), answer.text


def test_the_language_of_copy_stays_the_copys():
    from agent.planner.plan import planner_answer

    plan = planner_answer("用英文写一条短信文案给上海的女性")
    assert plan.then and plan.then[0]["args"]["language"] == "en" and plan.lang == "zh"


# --- orders counted, not users -------------------------------------------------------------------------

def latest_month(month: int) -> tuple[str, str]:
    """The latest calendar month ``month`` that has begun: its first day and the next month's first day."""
    today = date.today()
    year = today.year if today.month >= month else today.year - 1
    end = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1).isoformat(), end.isoformat()


@pytest.mark.parametrize("question", ["how many orders were placed in November", "11月一共有多少笔订单",
                                      "number of orders in November"])
def test_orders_in_a_month_are_counted_as_orders(demo_db, question):
    first, end = latest_month(11)
    (orders,), = rows(demo_db, "SELECT COUNT(*) FROM orders WHERE ordered_at >= ? AND ordered_at < ?", first, end)
    answer, = conversation(demo_db, f"orders-{abs(hash(question))}", question)
    assert answer.error is None and answer.spec["metric"] == {"name": "order_count", "agg": "sum",
                                                              "window": answer.spec["metric"]["window"]}
    assert re.search(rf"(?<![\d,]){orders}(?: 笔| orders?)", answer.text), answer.text
    assert "不是人数" in answer.text or "orders counted, not users" in answer.text


def test_orders_of_the_last_month_and_of_an_audience(demo_db):
    (orders,), = rows(demo_db, "SELECT COUNT(*) FROM orders WHERE ordered_at >= date('now', 'start of month', "
                               "'-1 month') AND ordered_at < date('now', 'start of month')")   # the calendar month
    answer, = conversation(demo_db, "orders-last-month", "上个月一共有多少订单")
    assert f"{orders} 笔" in answer.text and "统计的是订单数" in answer.text, answer.text
    (gold,), = rows(demo_db, "SELECT COUNT(*) FROM orders o JOIN users u ON u.user_id = o.user_id "
                             "WHERE u.member_level = 'gold'")
    answer, = conversation(demo_db, "orders-gold", "金卡会员一共下了多少单")
    assert f"{gold} 笔" in answer.text, answer.text


@pytest.mark.parametrize("question", ["11月的销售额", "total sales in November", "11月销售额是多少"])
def test_sales_of_a_month_sum_the_order_amounts(demo_db, question):
    first, end = latest_month(11)
    (total,), = rows(demo_db, "SELECT ROUND(COALESCE(SUM(amount), 0), 2) FROM orders WHERE ordered_at >= ? "
                              "AND ordered_at < ?", first, end)
    answer, = conversation(demo_db, f"sales-{abs(hash(question))}", question)
    assert answer.error is None and f"{total:,.2f}" in answer.text, answer.text


# --- follow-ups: "which of them are high value"; "add men too" widens, a correction replaces ------------

@pytest.mark.parametrize("first, follow_up", [
    ("上海的女性用户", "其中哪些是高价值用户"), ("women in Shanghai", "which of them are high value"),
    ("上海的女性用户", "这些人里高价值客户有多少"), ("women in Shanghai", "and which of those are high-value customers?"),
])
def test_which_of_them_are_high_value_narrows_to_the_rule_segment(demo_db, first, follow_up):
    members = ids(demo_db, "SELECT user_id FROM segment_members WHERE segment_id = 'rule_high_value'")
    women = ids(demo_db, "SELECT user_id FROM users WHERE city = '上海' AND gender = 'female'")
    _, answer = conversation(demo_db, f"hv-{abs(hash(first + follow_up))}", first, follow_up)
    assert answer.error is None, answer.text
    assert answer.row_count == len(members & women) and "rule_high_value" in answer.text


WIDENING = [   # first question, follow-up, the users of the widened audience
    ("women in Shanghai", "add men too", "SELECT user_id FROM users WHERE city = '上海' AND gender IN ('female', 'male')",
     "widened to also include: men"),
    ("上海的女性", "男性也加上", "SELECT user_id FROM users WHERE city = '上海' AND gender IN ('female', 'male')",
     "加入了：男性"),
    ("women in Shanghai", "also include Beijing",
     "SELECT user_id FROM users WHERE city IN ('上海', '北京') AND gender = 'female'", "widened to also include: in Beijing"),
    ("上海的女性有多少", "把北京的也算上",
     "SELECT user_id FROM users WHERE city IN ('上海', '北京') AND gender = 'female'", "加入了：城市：北京"),
]


@pytest.mark.parametrize("first, follow_up, sql, said", WIDENING)
def test_adding_people_widens_the_named_condition(demo_db, first, follow_up, sql, said):
    expected = ids(demo_db, sql)
    before, after = conversation(demo_db, f"widen-{abs(hash(first + follow_up))}", first, follow_up)
    assert after.error is None, after.text
    assert after.row_count == len(expected) > before.row_count
    assert set(after.user_ids) == expected
    assert said in after.text


def test_a_correction_still_replaces(demo_db):
    beijing = ids(demo_db, "SELECT user_id FROM users WHERE city = '北京' AND gender = 'female'")
    _, answer = conversation(demo_db, "widen-correction", "上海的女性", "不要上海的了，改成北京")
    assert answer.error is None and set(answer.user_ids) == beijing and "加入了" not in answer.text


# --- rankings: the lowest first, the latest buyers ---------------------------------------------------

def test_the_latest_buyers_are_answered_with_their_last_order_day(demo_db):
    latest = rows(demo_db, "SELECT user_id, MAX(ordered_at) AS last FROM orders GROUP BY user_id "
                           "ORDER BY last DESC, user_id LIMIT 20")
    answer, = conversation(demo_db, "rank-latest", "最近下单的20个用户")
    assert answer.error is None and [row[0] for row in answer.rows] == [uid for uid, _ in latest]
    assert "按最近一次下单时间排名前20位" in answer.text and f"{latest[0][0]}" in answer.text
    assert latest[0][1][:10] in answer.text   # the day of the latest order, not a raw timestamp


def test_the_lowest_spenders_say_only_buyers_are_ranked(demo_db):
    lowest = rows(demo_db, "SELECT user_id, ROUND(SUM(amount), 2) AS spend FROM orders GROUP BY user_id "
                           "ORDER BY spend, user_id LIMIT 10")
    answer, = conversation(demo_db, "rank-lowest", "lowest spenders")
    assert answer.error is None and [row[0] for row in answer.rows] == [uid for uid, _ in lowest]
    assert "lowest first, users with orders only" in answer.text


@pytest.mark.parametrize("question", ["给消费最高的10个用户写一条短信", "write an SMS for the 10 lowest spenders"])
def test_copy_for_a_ranking_asked_in_one_question_is_for_the_ranked_users(demo_db, question):
    answer, = conversation(demo_db, f"rank-copy-{abs(hash(question))}", question)
    assert answer.error is None, answer.text
    assert answer.sql and "LIMIT 10" in answer.sql[0]   # the ranking was selected, not every user
    assert re.search(r"为 10 位用户写了|for 10 users", answer.text), answer.text   # copy for the ten
