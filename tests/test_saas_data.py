"""A software-as-a-service business's own data (fresh eyes #11), through the real CLI on a real SQLite
file: support tickets, NPS comments and app-store reviews read for churn and switching intents (the
rival as the target; moving house, a dark mode and a size exchange are no rival), the rivals in
questions ("customers switching to Notion", 换成飞书的用户, "who mentioned a competitor?"), the product's
words in questions (sync, bugs, integrations, "praised our support"), and the profile card in one
language for the whole database."""

from __future__ import annotations

import json

import pytest

from agent.cli import main
from tests.agent_helpers import conversation
from tests.db_helpers import ago, rows
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
    "c10": [("review", "I'm thinking of moving to Berlin next year, the app works fine there.")],
    "c11": [("review", "Switching to dark mode made it easier on my eyes.")],
    "c12": [("survey", "裤子有点小，想换成XL码")],
    "c13": [("chat", "I will switch to notion if prices go up again")],
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


@pytest.mark.parametrize("user", ["c10", "c11", "c12"])
def test_moving_house_a_dark_mode_and_a_size_exchange_are_no_rival(saas_db, capsys, user):
    intents = {i["intent"] for i in _profile(saas_db, user, capsys)["intents"]}
    assert not intents & {"churn_risk", "compare"}, intents


def _switching_to(db: str, *rivals: str) -> set[str]:
    marks = ",".join("?" * len(rivals))
    return {user for (user,) in rows(db, f"SELECT user_id FROM intents WHERE intent = 'churn_risk' AND status = 'active' "
                                         f"AND lower(target) IN ({marks})", *(r.lower() for r in rivals))}


@pytest.mark.parametrize(("question", "rivals", "users"), [
    ("customers switching to Notion", ["Notion"], {"c03", "c13"}),
    ("users thinking of moving to notion", ["Notion"], {"c03", "c13"}),
    ("who is switching to Notion or Todoist?", ["Notion", "Todoist"], {"c01", "c03", "c13"}),
    ("users leaving for Todoist", ["Todoist"], {"c01"}),
    ("换成飞书的用户", ["飞书"], {"c07"}),
    ("想换到飞书或Notion的客户", ["飞书", "Notion"], {"c03", "c07", "c13"}),
])
def test_switching_to_a_rival_is_the_churn_risk_the_analyzers_stored(saas_db, question, rivals, users):
    assert _switching_to(saas_db, *rivals) == users   # as spelled by the writer: Notion and notion
    (answer,) = conversation(saas_db, "saas-switching", question)   # the agent, with the database's words
    assert set(answer.user_ids) == users, answer.text


@pytest.mark.parametrize("question", ["who mentioned a competitor?", "提到竞品的用户"])
def test_a_competitor_offers_the_rivals_the_analyzers_stored(saas_db, question):
    (answer,) = conversation(saas_db, "saas-rivals", question)
    text = " ".join(answer.text.split())
    assert not answer.rows
    for rival in ("Notion", "Todoist", "飞书"):
        assert rival in text, text
    for not_a_rival in ("Berlin", "dark", "XL"):
        assert not_a_rival not in text, text


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
    ("users at risk of churning", {"c01", "c02", "c03", "c07", "c08", "c13"}),
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
