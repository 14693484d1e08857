"""The shipped taxonomy: every required id (docs/taxonomy.md), bilingual synonyms, clear errors, DB sync."""

import copy
import sqlite3

import pytest
import yaml

from schema.db import connect
from schema.taxonomy import DEFAULT_PATH, REQUIRED_IDS, SECTIONS, TaxonomyError, load_taxonomy, sync_to_db


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(DEFAULT_PATH)


@pytest.fixture(scope="module")
def shipped_data():
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_every_design_id_is_present(taxonomy):
    for section, kind in SECTIONS.items():
        for node_id in REQUIRED_IDS[section].split():
            assert taxonomy.has(node_id, kind), f"{kind} {node_id} missing"


def test_every_level1_interest_has_children_and_names(taxonomy):
    for node in taxonomy.of_kind("interest"):
        assert node.name_zh.strip() and node.name_en.strip()
        if node.level == 1:
            assert node.children, f"{node.id} has no level-2 children"
    assert max(node.level for node in taxonomy.of_kind("interest")) == 3


# (term, kind, expected id) — an interest may also be satisfied by a descendant of the id.
SYNONYMS = [
    # interests, Chinese shop categories and slang
    ("猫主子", "interest", "pet_cat_owner"),
    ("主子大人", "interest", "pet_cat_owner"),
    ("毛孩子", "interest", "pet_cat_owner"),
    ("铲屎官", "interest", "pet_cat_owner"),
    ("cat mom", "interest", "pet_cat_owner"),
    ("Cat Mom", "interest", "pet_cat_owner"),
    ("狗粮", "interest", "pet_dog_owner"),
    ("户外装备", "interest", "outdoor_sports"),
    ("户外用品", "interest", "outdoor_sports"),
    ("登山", "interest", "hiking"),
    ("登山杖", "interest", "hiking"),
    ("徒步", "interest", "hiking"),
    ("hiking", "interest", "hiking"),
    ("camping", "interest", "camping"),
    ("trekking", "interest", "hiking"),
    ("outdoor gear", "interest", "outdoor_sports"),
    ("Outdoor  Gear", "interest", "outdoor_sports"),
    ("数码", "interest", "digital_electronics"),
    ("3C", "interest", "digital_electronics"),
    ("蓝牙耳机", "interest", "audio"),
    ("手机", "interest", "mobile_phones"),
    ("iPhone", "interest", "iphone"),
    ("华为", "interest", "android_phones"),
    ("小米", "interest", "android_phones"),
    ("smartphone", "interest", "mobile_phones"),
    ("宝宝", "interest", "mother_baby"),
    ("奶粉", "interest", "infant_formula"),
    ("尿不湿", "interest", "diapers"),
    ("diapers", "interest", "diapers"),
    ("护肤", "interest", "skincare"),
    ("精华", "interest", "serum"),
    ("面霜", "interest", "moisturizer"),
    ("skincare", "interest", "skincare"),
    ("彩妆", "interest", "beauty_makeup"),
    ("口红", "interest", "lipstick"),
    ("lipstick", "interest", "lipstick"),
    ("咖啡", "interest", "coffee"),
    ("coffee", "interest", "coffee"),
    ("健身", "interest", "fitness"),
    ("马拉松", "interest", "marathon"),
    ("阅读", "interest", "books"),
    # the ten categories of the real dev data
    ("书籍", "interest", "books"),
    ("平板", "interest", "tablets"),
    ("水果", "interest", "fruit"),
    ("洗发水", "interest", "hair_care"),
    ("热水器", "interest", "water_heaters"),
    ("蒙牛", "interest", "dairy"),
    ("衣服", "interest", "fashion"),
    ("计算机", "interest", "computers"),
    ("酒店", "interest", "hotels"),
    # aspects
    ("价格", "aspect", "price"),
    ("性价比", "aspect", "price"),
    ("overpriced", "aspect", "price"),
    ("续航", "aspect", "battery"),
    ("battery", "aspect", "battery"),
    ("偏小", "aspect", "size_fit"),
    ("tight", "aspect", "size_fit"),
    ("味道", "aspect", "taste"),
    ("flavor", "aspect", "taste"),
    ("快递", "aspect", "delivery"),
    ("shipping", "aspect", "delivery"),
    ("客服", "aspect", "service"),
    ("包装", "aspect", "packaging"),
    ("做工", "aspect", "quality"),
    ("颜值", "aspect", "appearance"),
    ("好用", "aspect", "usability"),
    # cue words of other kinds
    ("退货", "intent", "return_refund"),
    ("refund", "intent", "return_refund"),
    ("回购", "intent", "repurchase"),
    ("想买", "intent", "purchase"),
    ("健康", "value", "health_conscious"),
    ("创新", "value", "tech_optimist"),
    ("环保", "value", "eco_conscious"),
    ("失望", "emotion", "sadness"),
]


@pytest.mark.parametrize("term,kind,expected", SYNONYMS)
def test_synonym_maps_to_its_id(taxonomy, term, kind, expected):
    assert taxonomy.lookup(term, kind) == expected


@pytest.mark.parametrize(
    "category,root",
    [
        ("户外装备", "outdoor_sports"),
        ("Outdoor Gear", "outdoor_sports"),
        ("登山用品", "outdoor_sports"),
        ("Gore-Tex hiking boots", "outdoor_sports"),
        ("登山杖 测评", "outdoor_sports"),
        ("平板", "computers"),
        ("洗发水", "home_living"),
        ("热水器", "home_living"),
        ("蒙牛", "food_drink"),
        ("酒店", "travel"),
        ("苹果手机壳", "mobile_phones"),
        ("买了两箱苹果", "food_drink"),
    ],
)
def test_match_interest_finds_the_tree(taxonomy, category, root):
    found = taxonomy.match_interest(category)
    assert found is not None and taxonomy.ancestors(found)[0] == root


def test_find_terms_longest_first_and_whole_latin_words(taxonomy):
    hits = taxonomy.find_terms("smart watch, art, hiking boots, 苹果手机")
    assert [(node, text) for node, text, _ in hits] == [
        ("wearables", "smart watch"), ("hiking", "hiking boots"), ("iphone", "苹果手机")
    ]
    assert taxonomy.find_terms("smartphones are smart") == [("mobile_phones", "smartphones", 0)]
    assert taxonomy.match_interest("天猫超市说明书") is None


# --- validation ------------------------------------------------------------------------------


def _write(tmp_path, data, name="taxonomy.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(tmp_path, data) -> str:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(_write(tmp_path, data))
    return str(info.value)


def test_missing_name_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    del data["interests"]["pets"]["children"]["pet_cat_owner"]["zh"]
    message = _error(tmp_path, data)
    assert "interests.pets.pet_cat_owner: missing 'zh' display name" in message
    assert str(tmp_path) in message


def test_bad_id_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    data["interests"]["Board-Games"] = {"zh": "桌游", "en": "Board games"}
    assert "interests.Board-Games: id must be snake_case" in _error(tmp_path, data)


def test_duplicate_id_in_two_places_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    data["interests"]["travel"]["children"]["hiking"] = {"zh": "徒步旅行", "en": "Hiking trips"}
    assert "duplicate id 'hiking'" in _error(tmp_path, data)


def test_duplicate_key_in_one_mapping_is_reported_with_line(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("interests:\n  coffee:\n    zh: 咖啡\n  coffee:\n    zh: 咖啡豆\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"dup\.yaml:4: .*duplicate id 'coffee'"):
        load_taxonomy(path)


def test_ambiguous_synonym_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    data["interests"]["books"]["synonyms"].append("猫粮")
    assert "synonym '猫粮' is given to both 'pet_cat_owner' and 'books'" in _error(tmp_path, data)


def test_unknown_section_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    data["hobbies"] = {"knitting": {"zh": "编织", "en": "Knitting"}}
    assert "unknown section(s) ['hobbies']" in _error(tmp_path, data)


def test_missing_required_id_is_reported(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    del data["aspects"]["battery"]
    assert "section 'aspects' lacks required id(s): battery" in _error(tmp_path, data)


def test_bad_yaml_reports_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("interests:\n  pets:\n    zh: 宠物\n    synonyms: [猫, 狗\n  fitness: {\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"broken\.yaml:\d+: not valid YAML"):
        load_taxonomy(path)


def test_all_problems_are_reported_at_once(tmp_path, shipped_data):
    data = copy.deepcopy(shipped_data)
    del data["interests"]["music"]["en"]
    del data["values"]["frugal"]
    message = _error(tmp_path, data)
    assert "interests.music: missing 'en'" in message and "lacks required id(s): frugal" in message


# --- override and sync ------------------------------------------------------------------------


def test_env_override_is_used(tmp_path, shipped_data, monkeypatch):
    data = copy.deepcopy(shipped_data)
    data["interests"]["pets"]["children"]["pet_bird_owner"] = {
        "zh": "养鸟人", "en": "Bird owner", "synonyms": ["鸟粮", "bird seed"]
    }
    path = _write(tmp_path, data, "custom.yaml")
    monkeypatch.setenv("PERSONA_TAXONOMY", str(path))
    custom = load_taxonomy()
    assert custom.source == str(path.resolve())
    assert custom.match_interest("Bird Seed") == "pet_bird_owner"
    assert custom.ancestors("pet_bird_owner") == ["pets", "pet_bird_owner"]
    monkeypatch.delenv("PERSONA_TAXONOMY")
    assert not load_taxonomy().has("pet_bird_owner")


def test_sync_to_db_fills_the_taxonomy_table(tmp_path, taxonomy):
    conn = connect(tmp_path / "t.db")
    sync_to_db(conn, taxonomy)
    sync_to_db(conn, taxonomy)  # idempotent: replaces, never duplicates
    count = conn.execute("SELECT COUNT(*) FROM taxonomy").fetchone()[0]
    assert count == len(taxonomy.all_nodes())
    row = conn.execute(
        "SELECT parent_id, level, path, name_zh, name_en FROM taxonomy WHERE kind = 'interest' AND id = 'hair_care'"
    ).fetchone()
    assert row == ("personal_care", 3, "home_living/personal_care/hair_care", "洗发护发", "Hair care")
    kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM taxonomy GROUP BY kind").fetchall())
    assert kinds["aspect"] == 15 and kinds["emotion"] == 7 and kinds["intent"] == 8
    conn.close()
    assert sqlite3.connect(tmp_path / "t.db").execute("SELECT COUNT(*) FROM taxonomy").fetchone()[0] == count
