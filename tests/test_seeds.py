"""The bundled demo data and the synthetic generator: coverage, determinism, truth consistent with data."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from schema.taxonomy import REQUIRED_IDS, load_taxonomy
from seeds import generate as gen
from seeds import phrases as ph
from seeds.archetypes import ARCHETYPES

NOW = datetime(2026, 11, 20)


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def roots(taxonomy, text: str) -> set[str]:
    """Level-1 interests named anywhere in ``text``."""
    return {taxonomy.ancestors(node_id)[0] for node_id, _, _ in taxonomy.find_terms(text)}


def interests_in_record(taxonomy, record: dict) -> set[str]:
    """Every level-1 interest a record names, through categories, products, searches or texts."""
    found: set[str] = set()
    for order in record.get("orders", []):
        found |= roots(taxonomy, order.get("category") or "") | roots(taxonomy, order.get("product") or "")
    for event in record.get("events", []):
        found |= roots(taxonomy, event.get("category") or "") | roots(taxonomy, event.get("target") or "")
    for text in record.get("texts", []):
        found |= roots(taxonomy, text["text"])
    user_data = record.get("user_data") or {}
    for key in ("text_data", "text_content"):
        for text in user_data.get(key, []):
            found |= roots(taxonomy, text)
    for key in ("comments", "product_reviews"):
        for item in user_data.get(key, []):
            found |= roots(taxonomy, item["content"])
    for word in (record.get("surveys") or user_data.get("survey_data") or {}).get("interests", []):
        found |= roots(taxonomy, word)
    return found


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---- phrase banks ------------------------------------------------------------------------

def test_interest_banks_name_their_interest_and_no_other(taxonomy):
    for interest, bank in ph.INTERESTS.items():
        assert taxonomy.has(interest) and taxonomy.get(interest).level == 1
        for category in bank.categories:
            matched = taxonomy.match_interest(category)
            assert matched and taxonomy.ancestors(matched)[0] == interest, (interest, category, matched)
            assert roots(taxonomy, category) == {interest}, (interest, category)
        for mention in bank.mentions_zh + bank.mentions_en:
            assert roots(taxonomy, mention) == {interest}, (interest, mention, roots(taxonomy, mention))
        for product in bank.products:
            for name in (product.zh, product.en, product.brand):
                assert roots(taxonomy, name) <= {interest}, (interest, name, roots(taxonomy, name))
        for query, intent in bank.searches_zh + bank.searches_en:
            assert roots(taxonomy, query) <= {interest}, (interest, query, roots(taxonomy, query))
            assert intent is None or taxonomy.has(intent, "intent")
        assert roots(taxonomy, bank.survey_word) == {interest}


def test_every_level1_interest_has_a_bank(taxonomy):
    level1 = {node.id for node in taxonomy.of_kind("interest") if node.level == 1}
    assert set(ph.INTERESTS) == level1


def test_aspect_intent_value_phrases_name_no_interest(taxonomy):
    """They are attached to any user, so they must not plant an interest the truth lacks."""
    banks = [ph.ASPECTS_ZH, ph.ASPECTS_EN]
    phrases = [text for bank in banks for by_polarity in bank.values() for texts in by_polarity.values()
               for text in texts]
    phrases += [text for text, _ in ph.COMBOS_ZH + ph.COMBOS_EN]
    for bank in (ph.INTENTS_ZH, ph.INTENTS_EN, ph.VALUES_ZH, ph.VALUES_EN):
        phrases += [text for texts in bank.values() for text in texts]
    phrases += [text for texts in ph.DECORATIONS.values() for text in texts]
    phrases += list(ph.INJECTIONS)
    leaks = {text: roots(taxonomy, text) for text in phrases if roots(taxonomy, text)}
    assert not leaks


# The generator plants the aspects every taxonomy has; `environment` (a shop's premises) is for
# operators' own data, and the generated shoppers review products only.
PLANTED_ASPECTS = set(REQUIRED_IDS["aspects"].split())


def test_banks_cover_every_aspect_polarity_intent_and_value(taxonomy):
    assert PLANTED_ASPECTS <= set(taxonomy.ids("aspect"))
    for bank in (ph.ASPECTS_ZH, ph.ASPECTS_EN):
        assert set(bank) == PLANTED_ASPECTS
        assert all(set(by_polarity) == {1, -1} and all(by_polarity.values()) for by_polarity in bank.values())
    for bank in (ph.INTENTS_ZH, ph.INTENTS_EN):
        assert set(bank) == set(taxonomy.ids("intent"))
    required_values = {"eco_conscious", "tech_optimist", "family_first", "health_conscious", "frugal", "adventurous"}
    for bank in (ph.VALUES_ZH, ph.VALUES_EN):
        assert set(bank) == required_values
    for text, aspects in ph.COMBOS_ZH + ph.COMBOS_EN:
        assert set(aspects.values()) == {1, -1}, text  # a contrast has both polarities


def test_every_archetype_aspect_has_a_product_it_fits():
    """Battery is said of powered things, size of things you wear, taste of food; never of a course."""
    kinds = {k for bank in ph.INTERESTS.values() for p in bank.products for k in p.kinds}
    assert kinds <= {"wear", "power", "edible", "virtual"}
    for archetype in ARCHETYPES:
        interests = list(archetype.core) + list(archetype.optional)
        for aspect in archetype.aspects:
            assert any(ph.fits(p, aspect) for i in interests for p in ph.INTERESTS[i].products), \
                (archetype.id, aspect)
    course = next(p for p in ph.INTERESTS["education"].products if "virtual" in p.kinds)
    assert not ph.fits(course, "delivery") and not ph.fits(course, "battery") and ph.fits(course, "price")


# ---- the generator ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "data.jsonl"
    summary = gen.generate(400, out, seed=11, now=NOW)
    return summary, read_jsonl(out), read_jsonl(gen.truth_path(out))


def test_generator_writes_n_users_and_truth_beside_them(generated):
    summary, records, truths = generated
    assert summary.truth.name == "data.truth.jsonl"
    assert len(records) == len(truths) == 400
    assert [r["user_id"] for r in records] == [t["user_id"] for t in truths]
    assert len({r["user_id"] for r in records}) == 400


def test_generator_is_deterministic(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    gen.generate(200, first, seed=5, now=NOW)
    gen.generate(200, second, seed=5, now=NOW)
    assert first.read_bytes() == second.read_bytes()
    assert gen.truth_path(first).read_bytes() == gen.truth_path(second).read_bytes()
    gen.generate(200, second, seed=6, now=NOW)
    assert first.read_bytes() != second.read_bytes()


def test_a_smaller_run_is_a_prefix_of_a_larger_one(tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    gen.generate(120, small, seed=5, now=NOW)
    gen.generate(300, large, seed=5, now=NOW)
    assert large.read_text(encoding="utf-8").startswith(small.read_text(encoding="utf-8"))


def test_output_does_not_depend_on_worker_count(tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "CHUNK", 40)  # several chunks without generating thousands of users
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    gen.generate(150, one, seed=9, now=NOW, workers=1)
    gen.generate(150, two, seed=9, now=NOW, workers=2)
    assert one.read_bytes() == two.read_bytes()
    assert len(read_jsonl(two)) == 150


def test_every_archetype_is_present(generated):
    summary, _, truths = generated
    assert {t["archetype"] for t in truths} == {a.id for a in ARCHETYPES}
    assert all(summary.archetypes[a.id] > 0 for a in ARCHETYPES)


def test_truth_interests_are_exactly_what_the_data_names(taxonomy, generated):
    _, records, truths = generated
    for record, truth in zip(records, truths):
        assert interests_in_record(taxonomy, record) == set(truth["interests"]), record["user_id"]


def test_every_truth_interest_is_stated_in_a_text(taxonomy, generated):
    _, records, truths = generated
    for record, truth in zip(records, truths):
        said = set().union(*(roots(taxonomy, t["text"]) for t in record["texts"]))
        assert set(truth["interests"]) <= said, record["user_id"]


def test_records_follow_the_input_format(generated):
    _, records, truths = generated
    for record, truth in zip(records, truths):
        assert record["identities"] and record["attributes"]["registered_at"] < "2026-11-20"
        for event in record["events"]:
            assert event["type"] in gen.EVENT_TYPES
        for text in record["texts"]:
            assert text["source"] in {"review", "chat", "post", "survey", "search", "call_transcript"}
            assert text["text"].strip()
        stamps = [o["ordered_at"] for o in record["orders"]] + [e["at"] for e in record["events"]]
        stamps += [t["at"] for t in record["texts"]]
        assert all(datetime.fromisoformat(s) < NOW for s in stamps)
        assert all(a in ("price", "quality", "delivery", "service", "packaging", "usability", "appearance",
                         "battery", "size_fit", "taste") and p in (1, -1) for a, p in truth["aspects"].items())
        if truth["lifecycle"] == "dormant":
            assert truth["last_active_days"] > 180
        if truth["lifecycle"] == "churn_risk":
            assert {"complaint", "churn_risk"} <= set(truth["intents"])


def test_identities_are_unique_without_dup_rate(generated):
    _, records, _ = generated
    seen = [(kind, value) for r in records for kind, value in r["identities"].items()]
    assert len(seen) == len(set(seen))


def test_dup_rate_shares_an_identity_with_the_named_user(tmp_path):
    out = tmp_path / "dup.jsonl"
    gen.generate(300, out, seed=2, now=NOW, dup_rate=0.2)
    records = {r["user_id"]: r for r in read_jsonl(out)}
    duplicates = [t for t in read_jsonl(gen.truth_path(out)) if "same_person_as" in t]
    assert len(duplicates) > 20
    for truth in duplicates:
        mine = set(records[truth["user_id"]]["identities"].items())
        theirs = set(records[truth["same_person_as"]]["identities"].items())
        assert mine & theirs, truth["user_id"]


@pytest.mark.parametrize("users, dup_rate", [(0, 0.0), (-3, 0.0), (10, 0.9)])
def test_bad_arguments_are_refused_before_writing(tmp_path, users, dup_rate):
    out = tmp_path / "bad.jsonl"
    with pytest.raises(ValueError, match="--users|--dup-rate"):
        gen.generate(users, out, dup_rate=dup_rate)
    assert not out.exists()


def test_cli_generate(tmp_path, capsys):
    from agent.cli import main

    out = tmp_path / "cli.jsonl"
    assert main(["generate", "--users", "25", "--seed", "4", "--out", str(out), "--now", "2026-11-20"]) == 0
    assert len(read_jsonl(out)) == 25 and "ground truth" in capsys.readouterr().out
    assert main(["generate", "--users", "5", "--out", str(out), "--now", "yesterday"]) == 2
    assert "--now" in capsys.readouterr().err
    assert main(["generate", "--users", "5", "--out", str(out), "--now", "2026-11-20"]) == 2   # never overwrites
    assert capsys.readouterr().err.strip() == (f"persona generate: {out} and {gen.truth_path(out)} already exist; "
                                               "add --force to overwrite, or choose another --out")
    assert len(read_jsonl(out)) == 25
    assert main(["generate", "--users", "5", "--out", str(out), "--now", "2026-11-20", "--force"]) == 0
    assert len(read_jsonl(out)) == 5 and len(read_jsonl(gen.truth_path(out))) == 5


# ---- the bundled demo ---------------------------------------------------------------------------

SEEDS = Path(gen.__file__).resolve().parent
# shared/ sits beside the checkout (as in CI), holding the labelled review corpus
CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_shopping_10_cats.dev.csv"


@pytest.fixture(scope="module")
def demo():
    return read_jsonl(SEEDS / "demo.jsonl"), read_jsonl(SEEDS / "demo.truth.jsonl")


def test_demo_parses_and_has_about_200_users(demo):
    records, truths = demo
    assert 180 <= len(records) <= 220
    assert [r["user_id"] for r in records] == [t["user_id"] for t in truths]
    assert len({r["user_id"] for r in records}) == len(records)


def test_demo_truth_covers_every_interest_aspect_intent_and_value(taxonomy, demo):
    _, truths = demo
    level1 = [node.id for node in taxonomy.of_kind("interest") if node.level == 1]
    per_interest = {i: sum(i in t["interests"] for t in truths) for i in level1}
    assert min(per_interest.values()) >= 3, per_interest
    said = {(a, p) for t in truths for a, p in t["aspects"].items()}
    assert said == {(a, p) for a in PLANTED_ASPECTS for p in (1, -1)}
    assert {k for t in truths for k in t["intents"]} == set(taxonomy.ids("intent"))
    assert {v for t in truths for v in t["values"]} >= set(ph.VALUES_ZH)
    assert {t["archetype"] for t in truths} == {a.id for a in ARCHETYPES}


def test_demo_truth_interests_are_exactly_what_the_data_names(taxonomy, demo):
    for record, truth in zip(*demo):
        assert interests_in_record(taxonomy, record) == set(truth["interests"]), record["user_id"]


def test_demo_answers_the_example_questions(demo):
    _, truths = demo
    outdoor_price = [t for t in truths if "outdoor_sports" in t["interests"] and t["aspects"].get("price") == -1]
    assert len(outdoor_price) >= 8
    last_month = [t for t in outdoor_price if (t["aspects_30d"] or {}).get("price") == -1]
    assert len(last_month) >= 6
    women_in_shanghai = [t for t in last_month if t["gender"] == "female" and t["city"] == "上海"]
    assert len(women_in_shanghai) >= 2
    other_interests = {i for t in truths if t["aspects"].get("price") == -1 for i in t["interests"]}
    assert len(other_interests - {"outdoor_sports"}) >= 5


def test_demo_spellings_exercise_normalization(demo):
    records, _ = demo
    attributes = [r.get("attributes") or {} for r in records]
    assert {"上海", "Shanghai"} <= {a.get("city") for a in attributes}
    assert {"female", "male"} <= {a.get("gender") for a in attributes}
    assert {a.get("gender") for a in attributes} & {"女", "男", "F", "M"}
    categories = {o["category"] for r in records for o in r.get("orders", [])}
    assert {"户外装备", "Outdoor Gear", "登山用品"} & categories and len(categories) > 40


def test_demo_lifecycles_and_recent_activity(demo):
    _, truths = demo
    stages = [t["lifecycle"] for t in truths]
    assert stages.count("new") >= 4 and stages.count("dormant") >= 8 and stages.count("churn_risk") >= 5
    for truth in truths:
        if truth["lifecycle"] == "dormant" and truth["last_active_days"] is not None:  # None: no times given
            assert truth["last_active_days"] > 180
    timed = [t for t in truths if t["last_active_days"] is not None]
    recent = sum(t["last_active_days"] <= 30 for t in timed) / len(timed)
    assert 0.25 <= recent <= 0.6, recent


def test_demo_language_mix(demo):
    _, truths = demo
    langs = [t["lang"] for t in truths]
    zh_share = (langs.count("zh") + langs.count("mixed")) / len(langs)
    assert 0.55 <= zh_share <= 0.75 and langs.count("mixed") >= 5


def test_demo_identity_pairs_share_an_identity(demo):
    records, truths = demo
    by_id = {r["user_id"]: r for r in records}
    pairs = [t for t in truths if t.get("same_person_as")]
    assert len(pairs) >= 4
    for truth in pairs:
        mine = set(by_id[truth["user_id"]]["identities"].items())
        assert mine & set(by_id[truth["same_person_as"]]["identities"].items())


def test_demo_phone_searchers_without_recent_orders(demo):
    records, truths = demo
    anchor = datetime(2026, 11, 20)
    story = [r for r, t in zip(records, truths) if t["story"] == "phone_search_7d_no_order"]
    assert len(story) >= 3
    for record in story:
        searches = [e for e in record["events"] if e["type"] == "search" and e["category"] == "手机"]
        assert any((anchor - datetime.fromisoformat(e["at"])).days < 7 for e in searches)
        assert all((anchor - datetime.fromisoformat(o["ordered_at"])).days >= 7 for o in record["orders"])


def test_demo_special_records(demo):
    records, truths = demo
    assert sum("user_data" in r for r in records) >= 3
    assert sum("surveys" in r for r in records) >= 5
    texts = [t["text"] for r in records for t in r.get("texts", [])]
    assert set(ph.INJECTIONS) <= set(texts)
    assert sum(t.get("real_reviews", 0) for t in truths) >= 15
    awkward = ["不太贵", "not cheap", "一点也不", "便宜是便宜", "overpriced", "比超市便宜", "cheaper than Amazon",
               "便宜没好货", "yyds", "绝绝子", "踩雷", "拔草", "种草", "meh", "lowkey", "😡", "👍", "definately"]
    present = [marker for marker in awkward if any(marker in text for text in texts)]
    assert len(present) >= 12, set(awkward) - set(present)


def test_demo_times_are_before_the_anchor(demo):
    records, _ = demo
    for record in records:
        stamps = [o["ordered_at"] for o in record.get("orders", [])] + [e["at"] for e in record.get("events", [])]
        stamps += [t["at"] for t in record.get("texts", [])]
        assert all(s < "2026-11-20" for s in stamps), record["user_id"]


@pytest.mark.skipif(not CSV.exists(), reason="the review corpus is not on this machine")
def test_demo_never_uses_held_back_reviews(demo):
    import csv

    from bench.heldback import shopping_bucket

    with open(CSV, encoding="utf-8", newline="") as handle:
        held_back = {" ".join(row["review"].split()) for row in csv.DictReader(handle)
                     if shopping_bucket(row["id"]) == 0}
    records, _ = demo
    assert not {t["text"] for r in records for t in r.get("texts", [])} & held_back


@pytest.mark.skipif(not CSV.exists(), reason="the review corpus is not on this machine")
def test_make_demo_reproduces_the_committed_files(tmp_path):
    from seeds.make_demo import main

    out = tmp_path / "demo.jsonl"
    assert main(["--out", str(out)]) == 0
    assert out.read_bytes() == (SEEDS / "demo.jsonl").read_bytes()
    assert (tmp_path / "demo.truth.jsonl").read_bytes() == (SEEDS / "demo.truth.jsonl").read_bytes()


def test_demo_ingests_cleanly_and_merges_exactly_the_planted_pairs(tmp_path, demo):
    """The real loader: nothing rejected or skipped, each second account folded into its owner."""
    import sqlite3

    from tools.ingest import ingest_file

    records, truths = demo
    report = ingest_file(tmp_path / "demo.db", SEEDS / "demo.jsonl")
    assert (report.loaded, report.rejected, report.skipped_items) == (len(records), 0, 0), report.errors[:3]
    planted = {(t["user_id"], t["same_person_as"]) for t in truths if t.get("same_person_as")}
    assert {(m.alias_id, m.user_id) for m in report.merges} == planted
    conn = sqlite3.connect(tmp_path / "demo.db")
    assert conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == len(records) - len(planted)
    assert conn.execute("SELECT COUNT(*) FROM users WHERE city = '上海'").fetchone()[0] >= 10


def test_generated_data_ingests_cleanly(tmp_path):
    from tools.ingest import ingest_file

    out = tmp_path / "gen.jsonl"
    gen.generate(150, out, seed=3, now=NOW, dup_rate=0.1)
    truths = read_jsonl(gen.truth_path(out))
    report = ingest_file(tmp_path / "gen.db", out)
    assert (report.loaded, report.rejected, report.skipped_items) == (150, 0, 0), report.errors[:3]
    assert report.merged == sum(1 for t in truths if t.get("same_person_as"))
