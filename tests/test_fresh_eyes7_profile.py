"""Fresh eyes 7, profile side: a churn-risk intent is not ended by an order in the days right after
it, and one an order did end says so on the card (item 17); the quote shown for an aspect is its
clearest opinion and the counts read as words (item 19). Real SQLite files, real builds, the real CLI."""

from agent.cli import main
from tools.ingest import ingest_records
from tools.profile.build import build_profiles
from tools.profile.store import load_profile
from tests.db_helpers import ago, rows


def customer(user_id, *, orders=(), texts=()):
    return {"user_id": user_id,
            "attributes": {"gender": "female", "age": 30, "city": "上海", "registered_at": ago(400)[:10]},
            "orders": list(orders), "texts": list(texts)}


def coffee(order_id, days):
    return {"order_id": order_id, "product": "手冲咖啡", "category": "咖啡", "amount": 38.0, "ordered_at": ago(days)}


def chat(text_id, body, days):
    return {"text_id": text_id, "source": "chat", "text": body, "at": ago(days)}


def review(text_id, body, days):
    return {"text_id": text_id, "source": "review", "text": body, "at": ago(days)}


def churn_db(tmp_path):
    db = str(tmp_path / "churn.db")
    ingest_records(db, [
        # said it a week ago, bought a coffee two days later: still a churn risk
        customer("soon", orders=[coffee("o1", 60), coffee("o2", 5)],
                 texts=[chat("t1", "I'm thinking of cancelling my membership", 7)]),
        # said it 40 days ago and kept ordering three weeks later: the risk is over
        customer("stayed", orders=[coffee("o3", 60), coffee("o4", 19)],
                 texts=[chat("t2", "我打算注销会员了", 40)]),
    ])
    build_profiles(db)
    return db


def test_an_order_right_after_a_churn_statement_does_not_end_it(tmp_path, capsys):
    db = churn_db(tmp_path)
    status = dict(rows(db, "SELECT user_id, status FROM intents WHERE intent = 'churn_risk'"))
    assert status == {"soon": "active", "stayed": "expired"}
    assert dict(rows(db, "SELECT user_id, lifecycle FROM profiles"))["soon"] == "churn_risk"
    assert main(["ask", "哪些用户有流失风险", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "soon" in out and "stayed" not in out


def test_the_card_says_which_order_ended_an_intent(tmp_path, capsys):
    db = churn_db(tmp_path)
    (expires,), = rows(db, "SELECT expires_at FROM intents WHERE user_id = 'stayed'")
    assert expires[:10] == ago(19)[:10]   # it ended with that order, not at the end of its 90 days
    assert main(["profile", "stayed", "--db", db, "--lang", "en"]) == 0
    assert f"expired  ended by order {ago(19)[:10]}" in capsys.readouterr().out
    assert main(["profile", "stayed", "--db", db, "--lang", "zh"]) == 0
    assert f"{ago(19)[:10]} 下单后结束" in capsys.readouterr().out
    assert main(["profile", "soon", "--db", db, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "ended by order" not in out and f"→ {ago(7 - 90)[:10]}" in out   # active until its window ends


def test_the_aspect_quote_is_the_clearest_complaint_and_counts_are_words(tmp_path, capsys):
    db = str(tmp_path / "quote.db")
    ingest_records(db, [customer("c1", texts=[review("t1", "一杯手冲要38太贵了，性价比不高", 9),
                                              chat("t2", "能不能便宜点", 2)])])
    build_profiles(db)
    price, = [a for a in load_profile(db, "c1")["aspects"] if a["aspect"] == "price"]
    assert price["evidence"] == "一杯手冲要38太贵了" and price["mentions"] == 2
    assert main(["profile", "c1", "--db", db, "--lang", "en"]) == 0
    assert "1 of 2 negative  “一杯手冲要38太贵了”" in capsys.readouterr().out
    assert main(["profile", "c1", "--db", db, "--lang", "zh"]) == 0
    assert "2次中1次负面" in capsys.readouterr().out


def test_mention_counts_read_as_words():
    from agent.render_profile import mention_counts

    def counts(mentions, negative, positive, lang="en"):
        return mention_counts({"mentions": mentions, "negative": negative, "positive": positive}, lang)

    assert counts(4, 2, 1) == "2 negative, 1 positive of 4"
    assert counts(3, 0, 3) == "3 of 3 positive"
    assert counts(3, 0, 0) == "3 neutral"
    assert counts(4, 2, 1, "zh") == "4次中负面2、正面1"
    assert counts(3, 0, 0, "zh") == "3次，中性"
