"""Texts a software-as-a-service business receives (support tickets, NPS comments, app-store reviews),
table-driven in English and Chinese: leaving for a named rival, announced cancellations, a rival that
charges less, sarcasm, and the product's own words (sync, bugs, crashes, integrations, onboarding).

Rows are (text, overall label or None for "any", {aspect: sign}, checks) as in tests/analyzer_rows.py;
"target=X" also checks the rival a churn / compare intent names.
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text

CASES = [
    # --- leaving for a named rival: churn risk and a comparison, the rival as the target ----------------
    ("Thinking of switching to Notion, it does everything you do for less.", "negative", {"price": "-"},
     ["intent=churn_risk", "intent=compare", "target=Notion"]),
    ("Honestly considering moving to Todoist, cheaper and syncs faster.", "negative", {"price": "-"},
     ["intent=churn_risk", "intent=compare", "target=Todoist"]),
    ("We're probably going to migrate to Asana next quarter.", None, {}, ["intent=churn_risk", "target=Asana"]),
    ("I'm switching to ClickUp, it's half the price.", None, {"price": "-"}, ["intent=churn_risk", "target=ClickUp"]),
    ("We are looking at alternatives.", None, {}, ["intent=churn_risk", "intent=compare"]),
    ("Our team started shopping around for alternatives after the price rise.", None, {},
     ["intent=churn_risk", "intent=compare"]),
    ("想换成Notion了，这个太贵", "negative", {"price": "-"}, ["intent=churn_risk", "intent=compare", "target=Notion"]),
    ("准备换到飞书了，同步太慢", "negative", {"usability": "-"}, ["intent=churn_risk", "intent=compare", "target=飞书"]),
    ("打算换成别家", None, {}, ["intent=churn_risk", "intent=compare"]),
    ("考虑改用Trello，便宜一半", "negative", {"price": "-"}, ["intent=churn_risk", "target=Trello"]),
    ("开始找替代方案了", None, {}, ["intent=churn_risk", "intent=compare"]),
    # look-alikes: a setting, a plan change, a size exchange, loyalty
    ("Switching to dark mode made it easier on my eyes.", None, {}, ["no_intent=churn_risk"]),
    ("Thinking of switching to the annual plan, it's better value.", None, {}, ["no_intent=churn_risk"]),
    ("I'm not switching to another app, this one is great.", None, {}, ["no_intent=churn_risk"]),
    ("衣服想换成XL码", None, {}, ["no_intent=churn_risk"]),
    # moving house: the destination is a place (places_en.txt) or the move is for a job, a family
    ("I'm thinking of moving to Berlin next year, the app works fine there.", None, {},
     ["no_intent=churn_risk", "no_intent=compare"]),
    ("thinking of moving to Berlin", None, {}, ["no_intent=churn_risk", "no_intent=compare"]),
    ("We're moving to New York in May, can I change my billing address?", None, {}, ["no_intent=churn_risk"]),
    ("Planning to move to Germany, will my plan still work?", None, {}, ["no_intent=churn_risk"]),
    ("considering moving to Austin for a new job", None, {}, ["no_intent=churn_risk"]),
    ("We're moving to Asana next quarter.", None, {}, ["intent=churn_risk", "target=Asana"]),
    # --- cancellations announced with no object ----------------------------------------------------------
    ("If you don't fix the export bug by Friday I'm churning.", None, {"usability": "-"}, ["intent=churn_risk"]),
    ("I'm about to cancel.", None, {}, ["intent=churn_risk"]),
    ("Not renewing.", None, {}, ["intent=churn_risk"]),
    ("We'll cancel if the sync stays this slow.", None, {"usability": "-"}, ["intent=churn_risk"]),
    ("I'm going to cancel my order, it's late.", None, {}, ["no_intent=churn_risk", "intent=return_refund"]),
    ("I'm not going to cancel, support sorted it out.", None, {}, ["no_intent=churn_risk"]),
    # --- sarcasm that closes a complaint ------------------------------------------------------------------
    ("Wow, paying $300 a year to watch a spinner. Amazing value.", "negative", {"price": "-"}, []),
    ("Oh great, another update that breaks sync. Just what I needed.", "negative", {"usability": "-"}, []),
    ("Amazing value, totally worth it.", "positive", {"price": "+"}, []),
    ("Wow, sync is fast now. Amazing work.", "positive", {"usability": "+"}, []),
    # --- the product's own words ----------------------------------------------------------------------------
    ("Sync is so slow.", "negative", {"usability": "-"}, []),
    ("Syncing between my phone and laptop is flawless.", "positive", {"usability": "+"}, []),
    ("Missing integrations with Slack and Google Calendar is a dealbreaker.", "negative", {"usability": "-"}, []),
    ("The Jira integration works great.", "positive", {"usability": "+"}, []),
    ("Onboarding was confusing.", "negative", {"usability": "-"}, []),
    ("The app is slow and buggy.", "negative", {"usability": "-"}, []),
    ("Great support! Maria fixed my billing issue in 5 minutes.", "positive", {"service": "+"}, []),
    ("同步太慢了", "negative", {"usability": "-"}, []),
    ("老是闪退，烦死了", "negative", {"usability": "-"}, []),
    ("没有集成功能，很不方便", "negative", {"usability": "-"}, []),
    ("集成做得很好用", "positive", {"usability": "+"}, []),
    # --- typos and drawn-out letters (tools/analyzers/spelling.py) -------------------------------------------
    ("sycn is slooow and expnsive", "negative", {"usability": "-", "price": "-"}, []),
    ("the app is sooo buggy", "negative", {"usability": "-"}, []),
    ("cant login since the updat, very frustratd", "negative", {}, []),
    ("Pricing is expnsive and the sycn keeps failing", "negative", {"price": "-"}, []),
    ("SO SLOOOW, the app is unusable", "negative", {"usability": "-"}, []),
    ("Sooo goood, the app is realy easy to use", "positive", {"usability": "+"}, []),
    # controls: words in their own right and names stay as written
    ("Lots of integrations, east coast team loves it", "positive", {}, []),
    ("Moved everything from Trello to Notion, love it", "positive", {}, []),
    ("同步太慢了，sooo slow", "negative", {"usability": "-"}, []),
]


@pytest.mark.parametrize(("text", "label", "aspects", "checks"), CASES, ids=[c[0][:40] for c in CASES])
def test_saas_text(text, label, aspects, checks):
    result = analyze_text(text)
    targets = [check.split("=", 1)[1] for check in checks if check.startswith("target=")]
    assert_reading(result, label, aspects, [check for check in checks if not check.startswith("target=")])
    for target in targets:
        assert target in {hit.target for hit in result.intents if hit.intent in ("churn_risk", "compare")}, result.intents
