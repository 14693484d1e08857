"""The offline copy engine and the channel rules: limits, counting, grounding, no identities, no claims."""

import itertools

import pytest

from tests.test_segments_data import make_profile_db
from tools.copywriter import CHANNELS, LANGUAGES, CopyError, check_variant, write_marketing_copy
from tools.copywriter.channels import (
    LIMITS,
    OPT_OUT,
    Forbidden,
    mentions_discount,
    personal_data,
    sms_encoding,
    sms_parts,
    sms_units,
    unsupported_claims,
)
from tools.copywriter.offline import ANGLE_NAMES, load_phrases, normalize_tone

GROUPS = ("outdoor_price", "skincare_quality", "baby_frequent", "digital_new")
OUTDOOR_WORDS = {"zh": ("户外", "徒步", "山", "登山", "露营"), "en": ("outdoor", "hiking", "trail", "hill", "summit", "camp")}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    path = tmp_path_factory.mktemp("copy") / "copy.db"
    truth = make_profile_db(path, per_group=12, seed=2)
    groups = {g: [u for u, a in truth.items() if a == g] for g in GROUPS}
    return str(path), groups


# ---- counting and checks ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, encoding, units, parts", [
    ("a" * 160, "GSM-7", 160, 1),
    ("a" * 161, "GSM-7", 161, 2),
    ("a" * 306, "GSM-7", 306, 2),
    ("a" * 307, "GSM-7", 307, 3),
    ("€" * 80, "GSM-7", 160, 1),          # extension characters take two septets
    ("{" * 81, "GSM-7", 162, 2),
    ("你" * 70, "UCS-2", 70, 1),
    ("你" * 71, "UCS-2", 71, 2),
    ("你" * 135, "UCS-2", 135, 3),
    ("It’s here", "UCS-2", 9, 1),          # a curly quote forces UCS-2
    ("😀" * 35, "UCS-2", 70, 1),            # astral characters are two UTF-16 units
])
def test_sms_counting(text, encoding, units, parts):
    assert (sms_encoding(text), sms_units(text), sms_parts(text)) == (encoding, units, parts)


def test_check_variant_names_every_broken_rule():
    body = "全网最低！联系 13812345678 或 li@example.com，u00042 李娜专享优惠" + "啊" * 40
    problems = check_variant({"body": body}, "sms", "zh", discount_ok=False,
                             forbidden=Forbidden(user_ids={"u00042"}, names={"李娜"}))
    text = "\n".join(problems)
    for expected in ("limit is 62", "opt-out", "13812345678", "li@example.com", "'u00042'", "'李娜'",
                     "'全网最低'", "discount pitch"):
        assert expected in text


def test_claims_and_discounts_are_allowed_when_the_offer_says_so():
    assert unsupported_claims("全网最低价 No.1 best-selling boots") == ["全网最低", "No.1", "best-selling"]
    assert unsupported_claims("全网最低价", offer="全网最低价 限时") == []
    variant = {"body": "精华8折优惠 回T退订"}
    assert check_variant(variant, "sms", "zh", offer="精华8折", discount_ok=False) == []


def test_push_email_limits_and_unsubscribe():
    long_title = {"title": "x" * 41, "body": "ok"}
    assert "title is 41 characters; the push en limit is 40" in check_variant(long_title, "push", "en")
    email = {"subject": "Hi", "preheader": "p", "body": "no unsubscribe line"}
    assert "email body must include the unsubscribe line" in check_variant(email, "email", "en")


def test_personal_data_finds_audience_names_in_any_set_size():
    names = {f"用户{i}" for i in range(50_000)} | {"Li Na"}
    assert personal_data("Hello Li Na, see you", Forbidden(names=names)) == ["Li Na"]
    assert personal_data("用户123 你好", Forbidden(names=names)) == ["用户1", "用户12", "用户123"]


# ---- the phrase library --------------------------------------------------------------------------

def test_phrase_library_makes_no_claims_and_keeps_discounts_to_the_value_angle():
    phrases = load_phrases()
    assert set(ANGLE_NAMES) <= set(phrases["angles"])
    for angle, spec in phrases["angles"].items():
        for lang, part in itertools.product(("zh", "en"), ("title", "hook", "support")):
            for phrase in spec[lang][part]:
                assert unsupported_claims(phrase.text) == [], (angle, phrase.text)
                # the value angle always says "discount"; no other angle ever does
                assert mentions_discount(phrase.text) == (angle == "value"), (angle, phrase.text)
    lines = [p.text for section in ("ctas", "praise") for spec in phrases[section].values()
             for lang in LANGUAGES for p in spec[lang]]
    lines += [line for spec in phrases["tones"].values() for lang in LANGUAGES
              for line in (*spec[lang]["openers"], *spec[lang]["closers"], spec[lang]["greeting"])]
    for line in lines:
        assert not unsupported_claims(line) and not mentions_discount(line), line


def test_tones_and_aliases():
    assert normalize_tone("活泼") == "playful" and normalize_tone("Luxury") == "luxury"
    with pytest.raises(CopyError, match="unknown tone 'sarcastic'"):
        normalize_tone("sarcastic")


# ---- composed copy -------------------------------------------------------------------------------

@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_variant_fits_its_channel(planted, group, channel, language):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups[group], channel=channel, language=language,
                                  tone="playful", n=3, save=False)
    assert len(result.variants) == 3 and result.model == "offline"
    assert len({v["angle"] for v in result.variants}) == 3  # a different angle per variant
    assert len({v["body"] for v in result.variants}) == 3
    for variant in result.variants:
        assert check_variant(variant, channel, language) == []
        for field, limit in LIMITS[channel][language].items():
            assert 0 < variant["lengths"][field] <= limit
        if channel == "sms":
            assert variant["body"].endswith(OPT_OUT["sms"][language]) and variant["sms_parts"] == 1
            assert language == "zh" or variant["sms_encoding"] == "GSM-7"
        assert variant["reasoning"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_price_sensitive_outdoor_copy_pitches_value_with_outdoor_imagery(planted, channel, language):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups["outdoor_price"], channel=channel, language=language,
                                  save=False)
    assert result.brief.angles[0].id == "value" and result.brief.discount_ok
    for variant in result.variants:
        text = " ".join(variant.get(f) or "" for f in ("title", "subject", "body")).lower()
        assert mentions_discount(text), text
        assert any(word in text for word in OUTDOOR_WORDS[language]), text
    everything = " ".join(v["body"].lower() for v in result.variants)
    plain = ("优惠", "划算", "实惠", "省钱") if language == "zh" else ("value", "discount", "save", "deal")
    assert any(word in everything for word in plain), everything


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("tone", ["friendly", "urgent", "luxury"])
def test_quality_skincare_copy_has_no_discount_pitch(planted, channel, language, tone):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups["skincare_quality"], channel=channel, language=language,
                                  tone=tone, n=4, save=False)
    assert result.brief.angles[0].id == "quality" and not result.brief.discount_ok
    for variant in result.variants:
        text = " ".join(variant.get(f) or "" for f in ("title", "subject", "preheader", "body"))
        assert not mentions_discount(text), text


def test_copy_speaks_to_each_segments_own_pains(planted):
    db, groups = planted
    baby = write_marketing_copy(db, user_ids=groups["baby_frequent"], channel="push", language="zh", save=False)
    assert baby.brief.angles[0].id == "delivery"
    assert "物流" in baby.variants[0]["body"] or "等" in baby.variants[0]["body"]
    digital = write_marketing_copy(db, user_ids=groups["digital_new"], channel="sms", language="en", save=False)
    assert digital.brief.angles[0].id == "battery"
    assert any(w in digital.variants[0]["body"].lower() for w in ("battery", "charge", "power"))
    assert "battery" in digital.variants[0]["reasoning"]


def test_copy_never_contains_the_audiences_identities(planted, tmp_path):
    db, groups = planted
    from schema.db import connect

    conn = connect(db)
    with conn:  # a member whose name is a word the engine likes to use
        conn.execute("UPDATE users SET name = '山野' WHERE user_id = ?", (groups["outdoor_price"][0],))
    for language, channel in itertools.product(LANGUAGES, CHANNELS):
        result = write_marketing_copy(db, user_ids=groups["outdoor_price"], channel=channel, language=language,
                                      n=3, save=False)
        names = {r[0] for r in conn.execute(
            "SELECT name FROM users WHERE user_id IN (%s)" % ",".join("?" * len(groups["outdoor_price"])),
            groups["outdoor_price"])}
        phones = {r[0] for r in conn.execute("SELECT value FROM identities")}
        for variant in result.variants:
            text = " ".join(str(variant.get(f) or "") for f in ("title", "subject", "preheader", "body"))
            assert not any(n in text for n in names | set(groups["outdoor_price"]) | phones), text
            assert "山野" not in text


def test_offer_is_featured_verbatim_and_a_discount_offer_allows_a_discount(planted):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups["skincare_quality"], channel="sms", language="zh",
                                  offer="精华满300减50", save=False)
    assert all("精华满300减50" in v["body"] for v in result.variants)
    with pytest.raises(CopyError, match="no sms zh variant fits"):
        write_marketing_copy(db, user_ids=groups["skincare_quality"], channel="sms", language="zh",
                             offer="超长的活动说明" * 10, save=False)


def test_same_inputs_same_copy(planted):
    db, groups = planted
    kwargs = dict(user_ids=groups["baby_frequent"], channel="email", language="en", tone="warm", save=False)
    assert write_marketing_copy(db, **kwargs).variants == write_marketing_copy(db, **kwargs).variants


def test_more_variants_than_angles_still_differ(planted):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups["skincare_quality"], channel="push", language="en",
                                  n=8, save=False)
    assert len({v["body"] for v in result.variants}) == 8


# ---- the offer: translated for English copy, checked against the segment -------------------------

@pytest.mark.parametrize("offer, english", [
    ("满300减50", "¥50 off orders of ¥300 or more"),
    ("满300元减50元，包邮", "¥50 off orders of ¥300 or more, free shipping"),
    ("每满200减20", "¥20 off for every ¥200 spent"),
    ("8折", "20% off"),
    ("全场8.5折", "15% off"),
    ("85折 trail shoes", "15% off trail shoes"),
    ("买一送一", "buy one, get one free"),
    ("第二件半价", "second item half price"),
    ("限时立减20元", "for a limited time, ¥20 off"),
    ("新品上市", None),                 # not a promotion form: nothing is guessed
    ("满300减50，送小样", None),
])
def test_common_chinese_offers_are_translated_and_nothing_else(offer, english):
    from tools.copywriter.offers import translate_offer

    assert translate_offer(offer) == english


def test_chinese_offer_in_english_sms_is_translated_or_refused_in_plain_words(planted):
    db, groups = planted
    result = write_marketing_copy(db, user_ids=groups["outdoor_price"], channel="sms", language="en",
                                  offer="满300减50", save=False)
    assert result.offer == "¥50 off orders of ¥300 or more"
    assert all("¥50 off orders of ¥300 or more" in v["body"] and v["sms_encoding"] == "GSM-7" for v in result.variants)
    assert result.warnings == ["the offer was translated for English copy: 满300减50 → ¥50 off orders of ¥300 or more"]
    with pytest.raises(CopyError) as refused:
        write_marketing_copy(db, user_ids=groups["outdoor_price"], channel="sms", language="en", offer="新品上市",
                             save=False)
    message = str(refused.value)
    assert "新品上市" in message and "--language zh" in message and "push" in message and "in English" in message
    assert "GSM-7" not in message and "septets" not in message
    push = write_marketing_copy(db, user_ids=groups["outdoor_price"], channel="push", language="en",
                                offer="新品上市", save=False)
    assert all("新品上市" in v["body"] for v in push.variants) and "kept as written" in push.warnings[0]


def test_an_offer_about_something_the_segment_does_not_care_about_is_written_with_a_warning(planted):
    db, groups = planted
    baby = write_marketing_copy(db, user_ids=groups["baby_frequent"], channel="push", language="en",
                                offer="20% off trail shoes", save=False)
    assert all("20% off trail shoes" in v["body"] for v in baby.variants)
    assert len(baby.warnings) == 1 and baby.warnings[0].startswith("the offer seems to be about Shoes (Fashion), and none")
    outdoor = write_marketing_copy(db, user_ids=groups["outdoor_price"], channel="push", language="en",
                                   offer="20% off hiking boots", save=False)
    assert outdoor.warnings == []
    zh = write_marketing_copy(db, user_ids=groups["baby_frequent"], channel="push", language="zh",
                              offer="手机8折", save=False)
    assert zh.warnings and zh.warnings[0].startswith("优惠似乎是关于手机的，这批用户里没有人对它感兴趣")
    assert write_marketing_copy(db, user_ids=groups["baby_frequent"], channel="push", language="zh",
                                offer="纸尿裤8折", save=False).warnings == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_email_body_does_not_repeat_the_preheader(planted, language):
    db, groups = planted
    for group in GROUPS:
        for variant in write_marketing_copy(db, user_ids=groups[group], channel="email", language=language,
                                            n=3, save=False).variants:
            assert variant["preheader"] and variant["preheader"] not in variant["body"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_email_ends_with_its_closer_then_the_unsubscribe_line(planted, language):
    """No "Best wishes," with nobody after it, and no "see the list below" with nothing below:
    the body's last paragraphs are the call to action and closer, then the unsubscribe line."""
    db, groups = planted
    closers = {c for tone in load_phrases()["tones"].values() for c in tone[language]["closers"]}
    for group in GROUPS:
        for tone in ("friendly", "luxury"):
            for variant in write_marketing_copy(db, user_ids=groups[group], channel="email", language=language,
                                                tone=tone, n=3, save=False).variants:
                paragraphs = variant["body"].split("\n\n")
                assert paragraphs[-1] == OPT_OUT["email"][language]
                assert any(paragraphs[-2].endswith(c.replace("你", "您")) or paragraphs[-2].endswith(c)
                           for c in closers), variant["body"]
                for word in ("below", "button", "Best wishes", "下方", "按钮", "祝好"):
                    assert word not in variant["body"], variant["body"]


@pytest.mark.parametrize("variant, channel, language, expected", [
    ({"body": "Deals on trail gear are here #Outdoor"}, "social", "en", "announces a discount ('Deals') but no offer"),
    ({"body": "户外装备优惠来了 #户外#"}, "social", "zh", "announces a discount ('优惠') but no offer"),
    ({"body": "We've missed you: new gear is in #Outdoor"}, "social", "en", "one-to-one line in a public post: 'missed you'"),
    ({"body": "你看过的旅行用品上新了 #旅行#"}, "social", "zh", "one-to-one line in a public post: '你看过'"),
    ({"title": "New gear", "body": "See the full list below"}, "push", "en", "does not hold: 'below'"),
    ({"title": "新品", "body": "点击下方按钮查看"}, "push", "zh", "does not hold: '下方'"),
    ({"title": "New gear", "body": "New gear is in. Best wishes,"}, "push", "en", "sign-off without a sender"),
])
def test_rules_for_any_copy(variant, channel, language, expected):
    """Whoever wrote the copy (the offline engine or a model), check_variant names what is wrong."""
    assert any(expected in problem for problem in check_variant(variant, channel, language))


def test_what_the_rules_for_any_copy_allow():
    assert check_variant({"body": "Deals on trail gear: 20% off #Outdoor"}, "social", "en", offer="20% off") == []
    assert check_variant({"body": "Better value on trail gear. Tell us what you think below #Outdoor"},
                         "social", "en") == []      # value talk is no deal; a post's comments are below it
    assert check_variant({"title": "We miss you", "body": "We've missed you: new gear is in"}, "push", "en") == []
