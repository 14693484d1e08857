"""The ninth blind round's fixes (/work/notes/blind9.yaml, a consumer-electronics shop) beyond what the
battery's atoms show: the users and figures on the demo data.

The readings themselves (which conditions, which output) are items of the operator battery
(tests/fixtures/operator_battery.yaml, "ninth blind round").
"""

from __future__ import annotations

from tests.planner_helpers import answer_users as _users
from tests.planner_helpers import sql_users as _sql_users
from tests.test_planner_demo import demo_db  # noqa: F401  (the demo database, built once)

_TAGGED = "SELECT user_id FROM tags WHERE status = 'active' AND tag_id = '{}'"


# --- a negated interest (items 44, 84) ------------------------------------------------------------------

def test_a_negated_interest_leaves_out_its_fans_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    expected = _sql_users(db, _TAGGED.format("fitness")) - _sql_users(db, _TAGGED.format("running"))
    assert expected and _users(db, "喜欢健身但是不喜欢跑步的用户") == expected
    assert _users(db, "fitness fans who dont like running") == expected


def test_users_not_into_an_interest_include_those_with_no_interests_on_the_demo_data(demo_db):  # noqa: F811
    db, _ = demo_db
    shanghai = _sql_users(db, "SELECT user_id FROM users WHERE city = '上海'")
    expected = shanghai - _sql_users(db, _TAGGED.format("beauty_makeup"))
    assert expected and expected != shanghai
    assert _users(db, "shanghai users who arent into makeup") == expected
    assert _users(db, "上海对美妆没兴趣的用户") == expected
