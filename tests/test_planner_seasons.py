"""Seasons and school holidays as windows (agent/planner/seasons.py): which months and which year a season
word names, and the orders a question about one counts — loaded through the real `persona ingest`, asked
through the offline agent on the SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.seasons import _start, last_day
from tests.agent_helpers import asked_users as users
from tests.agent_helpers import conversation
from tests.db_helpers import ingested_and_built

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("key, said, year, start, end", [
    ("summer", ["今年"], None, "2026-06-01", "2026-08-31"),
    ("summer", ["this"], None, "2026-06-01", "2026-08-31"),
    ("summer", ["去年"], None, "2025-06-01", "2025-08-31"),
    ("summer", ["last"], None, "2026-06-01", "2026-08-31"),   # the latest summer over, in December
    ("winter", ["this"], None, "2026-12-01", "2027-02-28"),   # going on today
    ("winter", ["last"], None, "2025-12-01", "2026-02-28"),
    ("winter", ["去年"], None, "2025-12-01", "2026-02-28"),   # the winter that starts in last year's December
    ("summer_holidays", [], None, "2026-07-01", "2026-08-31"),
    ("winter_holidays", [], None, "2026-01-01", "2026-02-28"),
    ("autumn", [], "2025", "2025-09-01", "2025-11-30"),
])
def test_a_season_word_is_its_months_of_the_year_it_names(key, said, year, start, end):
    first = _start(key, said, year, TODAY)
    assert (first.isoformat(), last_day(key, first).isoformat()) == (start, end)


def test_this_summer_said_in_spring_is_the_coming_one_and_last_summer_the_one_before():
    spring = date(2027, 4, 2)
    assert _start("summer", ["this"], None, spring) == date(2027, 6, 1)
    assert _start("summer", ["last"], None, spring) == date(2026, 6, 1)


@pytest.fixture(scope="module")
def season_db(tmp_path_factory):
    year = date.today().year - 1   # last year's seasons are over whatever today is
    placed = {"s1": f"{year}-05-30", "s2": f"{year}-06-15", "s3": f"{year}-07-20", "s4": f"{year}-08-31",
              "s5": f"{year}-09-02"}
    records = [{"user_id": user, "attributes": {"name": user, "city": "上海"},
                "orders": [{"order_id": f"{user}-o", "product": "Europe tour", "category": "Europe tour",
                            "amount": 1000, "ordered_at": f"{day}T10:00:00"}]}
               for user, day in placed.items()]
    return ingested_and_built(tmp_path_factory.mktemp("seasons"), "seasons", records)


@pytest.mark.parametrize("question, expected", [
    ("去年夏天下过单的用户", {"s2", "s3", "s4"}),   # June to August, both ends included
    ("去年暑假下过单的客户", {"s3", "s4"}),   # July and August
    ("去年夏天以来下过单的用户", {"s2", "s3", "s4", "s5"}),   # from its first day on
])
def test_the_orders_of_a_season_are_counted(season_db, question, expected):
    assert users(season_db, question) == expected


@pytest.mark.parametrize("question, words", [
    ("去年夏天下过单的用户", "夏天（6–8月："),
    ("who ordered in summer " + str(date.today().year - 1) + "?", "in summer (June–August: "),
])
def test_the_answer_says_the_months_it_took(season_db, question, words):
    answer, = conversation(season_db, question, question)
    assert words in answer.text, answer.text
