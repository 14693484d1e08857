"""A software-as-a-service business's own data (fresh eyes #11), through the real CLI on a real SQLite
file: support tickets, NPS comments and app-store reviews read for churn and switching intents (the
rival as the target), the product's words in questions (sync, bugs, integrations, "praised our
support"), and the profile card in one language for the whole database."""

from __future__ import annotations

import json

import pytest

from agent.cli import main
from tests.db_helpers import ago
from tests.planner_helpers import answer_users

TEXTS = {
    "c01": [("chat", "Honestly considering moving to Todoist, cheaper and syncs faster."),
            ("survey", "App crashes every time I export to PDF. Please fix this bug.")],
    "c02": [("survey", "Please cancel my subscription, I no longer need it."), ("survey", "客服很好，问题很快解决了")],
    "c03": [("review", "Thinking of switching to Notion, it does everything you do for less.")],
    "c04": [("review", "Sync is so slow, it takes minutes to show a new task on my phone.")],
    "c05": [("review", "Great support! Maria fixed my billing issue in 5 minutes.")],
    "c06": [("review", "Missing integrations with Slack and Google Calendar is a dealbreaker.")],
    "c07": [("survey", "准备换到飞书了，同步太慢")],
    "c08": [("chat", "If you don't fix the export bug by Friday I'm churning.")],
    "c09": [("review", "Upgraded to annual, totally worth it.")],
}


@pytest.fixture(scope="module")
def saas_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("saas")
    records = [{"user_id": user, "attributes": {"name": f"User {user}", "city": "London", "member_level": "gold",
                                                "registered_at": ago(200)},
                "texts": [{"text_id": f"{user}-{n}", "source": source, "text": text, "at": ago(3 + n)}
                          for n, (source, text) in enumerate(texts)]}
               for user, texts in TEXTS.items()]
    path = folder / "customers.jsonl"
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n", encoding="utf-8")
    db = str(folder / "saas.db")
    assert main(["ingest", str(path), "--db", db]) == 0
    assert main(["build", "--db", db]) == 0
    return db


def _profile(db: str, user: str, capsys) -> dict:
    capsys.readouterr()
    assert main(["profile", user, "--json", "--db", db]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("user", "rival"), [("c01", "Todoist"), ("c03", "Notion"), ("c07", "飞书")])
def test_leaving_for_a_rival_is_churn_risk_with_the_rival_named(saas_db, capsys, user, rival):
    intents = {(i["intent"], i["target"]) for i in _profile(saas_db, user, capsys)["intents"]}
    assert ("churn_risk", rival) in intents and ("compare", rival) in intents, intents


def test_a_rival_cheaper_is_a_complaint_about_our_price(saas_db, capsys):
    aspects = {a["aspect"]: a["mean_polarity"] for a in _profile(saas_db, "c01", capsys)["aspects"]}
    assert aspects["price"] < 0, aspects


# Sync, bugs, crashes, integrations and onboarding are the product's usability (schema/taxonomy.yaml has no finer
# aspect): a question about any of them finds everyone unhappy with how the product works.
UNHAPPY_WITH_THE_PRODUCT = {"c01", "c04", "c06", "c07", "c08"}


@pytest.mark.parametrize(("question", "users"), [
    ("users who complained about sync", UNHAPPY_WITH_THE_PRODUCT),
    ("people saying sync is slow", UNHAPPY_WITH_THE_PRODUCT),
    ("同步慢的用户", UNHAPPY_WITH_THE_PRODUCT),
    ("users who reported a bug", UNHAPPY_WITH_THE_PRODUCT),
    ("who complained about missing integrations?", UNHAPPY_WITH_THE_PRODUCT),
    ("users who praised our support", {"c02", "c05"}),
    ("对客服满意的用户", {"c02", "c05"}),
    ("users at risk of churning", {"c01", "c02", "c03", "c07", "c08"}),
])
def test_saas_questions_find_the_writers(saas_db, question, users):
    assert answer_users(saas_db, question) == users


def test_the_card_speaks_the_databases_language_not_one_texts(saas_db, capsys, monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    capsys.readouterr()
    assert main(["profile", "c02", "--db", saas_db]) == 0   # one English and one Chinese text
    card = capsys.readouterr().out
    assert "London" in card and "Gold member" in card and "伦敦" not in card and "金卡" not in card
    assert main(["profile", "c02", "--lang", "zh", "--db", saas_db]) == 0   # the reader's choice still wins
    assert "金卡" in capsys.readouterr().out
