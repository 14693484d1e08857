"""Brands and mentioned words in a question: "users who bought Salomon", "提到始祖鸟的用户", "没买过耐克的",
"Nike fans in Shanghai", "提到冲锋衣的用户".

A brand is *known* when the text analyzers know it (tools/analyzers/entities.py: a canonical name
with its aliases, 始祖鸟 = Arc'teryx = arcteryx) or when the database's orders name it
(``orders.brand``, read with :func:`load_brands`); an unknown capitalised word is never taken for a
brand. Three conditions come out of a question (spec kinds ``brand`` and ``mention``):

- ``brand`` with action ``order``: bought it — an order whose ``brand`` names the brand or any alias
  (case-insensitive, a latin spelling as a whole word: "华为 Huawei" is Huawei's), inside the window if
  one is said;
- ``brand`` with action ``mention``: mentioned it — a text of the user that contains the brand or
  an alias, in its words or as the product it is about (``texts.text`` / ``texts.product``);
- ``brand`` with action ``any``: a brand said without a verb ("Nike fans", "耐克的用户"): bought or
  mentioned it;
- ``mention``: a product word after a mention verb ("提到冲锋衣的用户", "users who mentioned tents"):
  the same text search for the word as said — not the interest it hints at.

Latin spellings match as whole words (``nio`` is not inside "senior"). A question that ranks
products or brands ("which products get the most complaints?") is refused plainly: the audience
planner selects users, it does not rank products.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.planner import lexicon as lx
from agent.planner.spec import Condition
from agent.planner.tokens import FILLER_EN_WORDS, Token

if TYPE_CHECKING:  # an annotation only: data_words.py imports this module
    from agent.planner.data_words import DataWords

# Words that say "talked about" (the lexicon reads them as an opinion without a polarity when an
# aspect follows: "提到物流" stays an aspect).
MENTION_WORDS = frozenset({"提到", "提到过", "提及", "谈到", "说到", "评价过", "评论过", "mentioned", "talked about",
                           "commented on", "spoke about", "wrote about", "reviewed"})
# After a brand: who its people are ("Nike fans", "耐克粉", "Salomon buyers")
_SUFFIX = (r"(?P<suffix>\s*(?:的)?(?:粉丝|铁粉|粉)|\s+(?:fans?|lovers?|enthusiasts?)"
           r"|(?P<buyers>\s*(?:品牌|牌)?(?:的)?(?:购买者|购买人|买家)|(?:\s+brand|-brand)?\s+(?:buyers|purchasers|customers who bought)))?")
# "小佩品牌", "the Petkit brand", "Petkit-brand": the word brand after one names the brand, no more;
# "苹果产品", "Apple products", "华为的产品": the brand's goods, no kind of goods named
_BRAND_WORD = r"(?:\s*(?:品牌|牌子|牌)|\s+brand|-brand|\s*的?(?:产品|商品)|\s+products)?"
_CATEGORY_GLUE = re.compile(r"\s*(?:的)?\s*")
# "which products get the most complaints", "哪些商品被投诉最多", "差评最多的品牌", "哪门课程退款最多"
_PRODUCT_RANK_RE = re.compile(
    r"(?<![a-z])(?:which|what|top)\s+(?:\w+\s+)?(?:products?|items?|brands?|categor(?:y|ies)|skus?|courses?"
    r"|class(?:es)?|programs?|packages?)(?![a-z])[^?]*(?:most|least|best|worst|highest|lowest|top)"
    r"|(?:哪些|哪个|哪款|哪类|什么|哪门|哪一门|哪节|哪种)(?:商品|产品|品牌|品类|类目|货|课程|课)[^？?]*(?:最|多|少)"
    r"|(?:哪门|哪一门)[^？?]*(?:最|多|少)"
    r"|(?:最多|最少|最高|最低)的(?:商品|产品|品牌|品类|类目|课程)")


def load_brands(db_path: str) -> list[str]:
    """The distinct brands of the database's orders (read-only; an unreadable database: none).

    Asked before every question, so the answer is kept while the database is unchanged: the
    scan of every order costs ~0.3 s on 100k users, and brands change only when data is loaded.
    """
    found = db_version(db_path)
    return list(_brands_of(*found)) if found else []


def db_version(db_path: str) -> tuple[str, tuple] | None:
    """The database's real path and its version — what changes when data is loaded: the
    modification times and sizes of the database file and, when there is one, its write-ahead log
    (where writes land first). The key of what is cached about its data; None when it cannot be read."""
    path = os.path.realpath(db_path)
    files = [path] + ([path + "-wal"] if os.path.exists(path + "-wal") else [])
    try:
        return path, tuple((stat.st_mtime_ns, stat.st_size) for stat in map(os.stat, files))
    except OSError:
        return None


@lru_cache(maxsize=4)
def _brands_of(db_path: str, version: tuple) -> tuple[str, ...]:
    """``load_brands`` for one version of the database (its files' modification times and sizes)."""
    from schema.db import SchemaError, connect_readonly

    try:
        conn = connect_readonly(db_path)
        try:
            rows = conn.execute("SELECT DISTINCT brand FROM orders WHERE brand IS NOT NULL AND brand <> ''").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, SchemaError):
        return ()
    return tuple(sorted({str(row[0]).strip() for row in rows if str(row[0]).strip()}))


@lru_cache(maxsize=1)
def _entity_brands() -> dict[str, str]:
    """Every alias the analyzers match in texts (lower case) -> its canonical brand name. The canonical
    name itself only when it is an alias too: 美的, 渴望, 大众 are ordinary words, so the analyzers
    match 美的电器, not 美的 — and so does a question."""
    from tools.analyzers.entities import BRANDS

    table = {}
    for canonical, (aliases, _) in BRANDS.items():
        for alias in aliases:
            table.setdefault(alias.lower(), canonical)
    return table


def spellings(brand: str, *, in_texts: bool = False) -> list[str]:
    """How the brand is written, lower case: its canonical name and aliases for an order's brand
    column ("始祖鸟" -> 始祖鸟, arc'teryx, arcteryx, arc teryx); in free text (``in_texts``) only the
    aliases the analyzers trust (美的 is 美的电器 / midea there, not every "美的"). A brand only the orders
    name is written as they write it and by each of its names ("雷蛇 Razer": 雷蛇, razer — an order of
    "Razer" alone is its too); in free text without a name that is an everyday word (好孩子)."""
    from tools.analyzers.entities import BRANDS

    canonical = brand if brand in BRANDS else _entity_brands().get(brand.lower(), brand)
    if canonical not in BRANDS:
        # a brand only the database's orders name; a bilingual one ('飞鹤 Feihe') is written by either of its
        # names, each with its own spellings ("My baby loves Feihe", 帮宝适纸尿裤)
        parts = [spelling for part in name_parts(brand) if not (in_texts and ordinary(part))
                 for spelling in spellings(part, in_texts=in_texts)]
        return list(dict.fromkeys([brand.lower(), *parts]))
    aliases = BRANDS[canonical][0]
    return list(dict.fromkeys(s.lower() for s in ([] if in_texts else [canonical]) + list(aliases)))


def _known(db_brands: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    """Spelling -> (canonical name, an alias the analyzers trust): their aliases; each name of a brand the
    orders write in both scripts ('飞鹤 Feihe': 飞鹤, feihe; "小佩 Petkit": 小佩, petkit) that no other brand of
    the orders has — before a brand written in one of them alone ("Razer" beside "雷蛇 Razer" is 雷蛇 Razer,
    whose spellings find both); the database's brands as written (an order's "Lancome" is 兰蔻; another
    one, "Black Diamond", is its own name); each of these without its accents ("lancome", "nestle"); and
    the other-language names the data does not pair (lexicon.BRAND_ALIASES: 苹果 = Apple) of a brand the
    shop sells."""
    table = {alias: (canonical, True) for alias, canonical in _entity_brands().items()}
    owners: dict[str, set[str]] = {}
    for name in db_brands:
        for part in name_parts(name):
            owners.setdefault(part, set()).add(name)
    for part, names in owners.items():
        if len(names) == 1:
            table.setdefault(part, (next(iter(names)), False))
    for name in db_brands:
        table.setdefault(" ".join(name.lower().split()), (name, False))
    for spelling, known in list(table.items()):
        table.setdefault(unaccented(spelling), known)
    for word, name in lx.BRAND_ALIASES.items():   # 苹果: Apple when the shop sells it
        sold = table.get(name.lower())
        if sold and _carried(sold[0], db_brands):
            table.setdefault(word, (sold[0], False))
    return table


def _carried(brand: str, db_brands: tuple[str, ...]) -> bool:
    """Whether an order's brand carries ``brand`` under one of its spellings (the shop sells it)."""
    words = spellings(brand)
    return any(name.lower() in words or set(name_parts(name)) & set(words) or
               any(re.search(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", name.lower()) for w in words)
               for name in db_brands)


def unaccented(text: str) -> str:
    """``text`` without its accents ("lancôme" -> "lancome"): how a name is typed without them."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def name_parts(name: str) -> list[str]:
    """The names a bilingual brand holds, lower case: '飞鹤 Feihe' -> 飞鹤, feihe; '皇家 Royal Canin' ->
    皇家, royal canin; a name in one script ('Black Diamond', '全棉时代') has none of its own."""
    words = name.lower().split()
    han = [w for w in words if HAN.search(w)]
    latin = [w for w in words if not HAN.search(w)]
    return [" ".join(han), " ".join(latin)] if han and latin else []


HAN = re.compile(r"[\u3400-\u9fff]")


def ordinary(part: str) -> bool:
    """A brand's name that is also an everyday word or phrase (好孩子, 皇家, 渴望; "pigeon", "royal"):
    jieba's dictionary knows it as a common word, or the English word list has it."""
    if HAN.search(part):
        from tools.analyzers.text import word_frequency

        return word_frequency(part) >= ORDINARY_FREQUENCY
    from agent.planner.spelling import english_words

    return part in english_words()


ORDINARY_FREQUENCY = 50   # jieba's count for 好孩子 is 178, 皇家 1,795; 帮宝适 3, 飞鹤 and 贝亲 none
# What makes an ordinary word a brand: bought just before it, or its buyers right after it
_BOUGHT_BEFORE = re.compile(r"(?:买过|买了|购买过|购买了|买|购买|下单|bought|buy|buys|buying|purchased|ordered)"
                            r"(?:\s+(?:the|some|any))?\s*$")
_BUYERS_OF_KIND = re.compile(r"\s*的?\s*(?:购买者|购买人|买家)|\s+(?:buyers|purchasers)(?![a-z])")
_BUYERS_AFTER = re.compile(r"的?(?:顾客|用户|客户|买家|购买者|会员|人)|\s*(?:buyers|purchasers|customers|shoppers|orders)\b")


@lru_cache(maxsize=8)
def _brand_re(db_brands: tuple[str, ...]) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    table = _known(db_brands)
    names = sorted((s for s in table if len(s) >= 2), key=len, reverse=True)
    bounded = [re.escape(s) if HAN.search(s) else
               r"(?<![a-z0-9])" + re.escape(s).replace(r"\ ", r"\s+") + r"(?![a-z0-9])" for s in names]
    return re.compile("(?P<name>" + "|".join(bounded) + ")" + _BRAND_WORD + _SUFFIX), table


def brand_tokens(text: str, db_brands: tuple[str, ...] = (), sold: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens for the known brands in ``text`` (normalized, lower case): kind ``brand``, data
    ``brand`` (canonical name), ``people`` ('fans' or 'buyers' when a word after it says so) and
    ``category`` (the interest of a kind of product said after it, which the token covers). A kind of goods
    the shop's products are named by (``sold``: 充电宝, "headphones"; data_words.kinds_sold) is not covered: "安克充电宝"
    is Anker's power banks, not every Anker order."""
    pattern, table = _brand_re(tuple(db_brands))
    found = []
    for match in pattern.finditer(text):
        said = " ".join(match.group("name").split())
        known = table.get(said)
        if known is None:
            continue
        canonical, listed = known
        people = "buyers" if match.group("buyers") else "fans" if match.group("suffix") else None
        category = None if people else _category_after(text, match.start(), match.end(), sold)
        end = category[1] if category else match.end()
        if category and _BUYERS_OF_KIND.match(text, end):   # "华为手机的买家": who bought the brand's phones
            people = "buyers"
        bought = bool(_BOUGHT_BEFORE.search(text[:match.start()]) or people == "buyers"
                      or (_BUYERS_AFTER.match(text, end) and said not in lx.BRAND_ALIASES))
        if said != canonical.lower() and not listed and ordinary(said) and not bought:
            continue   # 好孩子 / 皇家 / "pigeon" said without buying: the everyday word
        data = {"brand": canonical, "people": people, **({"category": category[0]} if category else {})}
        # a listed brand wins a tie with a lexicon word of the same length (小米 the phone maker), and
        # so does a brand's name said as bought (买过渴望); a name only the database's orders have
        # loses it otherwise (a brand called "Outdoor" is no reason to read "outdoor" as a brand)
        found.append(Token(match.start(), end, "brand", data, 1 if listed or bought else 9))
    return found


def _category_after(text: str, start: int, end: int, sold: frozenset[str]) -> tuple[str, int] | None:
    """A kind of product said right after the brand at ``start``-``end`` ("华为手机", "Huawei phones",
    "耐克的跑鞋"): its interest id (the taxonomy's for both words when it has one: 华为手机 = Android
    phones) and where it ends, or None. Bought, the brand says it more narrowly than the category
    (Huawei phones, never all Android phones); wanted ("想入手华为手机"), the category is the intent's."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    glue = _CATEGORY_GLUE.match(text, end)
    first = next(iter(taxonomy.find_terms(text[glue.end():], "interest")), None)
    if first is None or first[2] != 0 or first[1].casefold() in sold:
        return None   # a kind of goods the shop's products name (安克充电宝) stays a word of its own: both hold
    category_end = glue.end() + len(first[1])
    return taxonomy.lookup(text[start:category_end]) or first[0], category_end


# --- binding (called by assemble.Assembly) --------------------------------------------------------

def brand_object(verb_action: str, brands: list[Token], words: str) -> Condition:
    """A verb with brands as its object ("bought Apple or Huawei"): bought one of them (an order), or
    another deed about the first (the event target contains it: "searched for Nike"). Words found in
    the data's products ("买过钢笔") are bought the same way (data_words.py); a store is bought at
    ("在西湖店买过", stores.py)."""
    names = list(dict.fromkeys(b.data["brand"] for b in brands))
    if verb_action == "booking":   # "booked Club Med", "booked a Japan tour": a booking of the goods is their order
        verb_action = "order"
    if verb_action == "order" and "store" in brands[0].data:
        from agent.planner.stores import store_condition

        return store_condition(brands, "order", words)
    if verb_action == "order" and "data" in brands[0].data:
        from agent.planner.data_words import data_condition

        return data_condition(brands, "order", words)
    if verb_action == "order":
        return Condition("brand", values=names, action="order", words=words)
    # "searched for Japan": the event's target holds any name of it the data has ("japan", "日本"), of a place
    # any name of it or of a destination inside it (东京, Kyoto: places.same_place), searched though never sold
    data = brands[0].data.get("data", {})
    said = list(dict.fromkeys(v.lower() for v in data.get("values", [names[0]])))
    if data.get("place"):
        from agent.planner.places import same_place

        said = list(dict.fromkeys([*said, *same_place(said[0])]))
    return Condition("behavior", action=verb_action, text=said[0], values=said[1:], words=words)


def bind_mentions(assembly) -> None:
    """'提到始祖鸟' / 'mentioned Salomon' / '提到冲锋衣': a mention word followed by a brand, a product
    or interest word, or a quoted word is a search of the user's texts, not an opinion or interest.
    A membership request with no intent of its own ('想冻结年卡', 'asked about transferring their card')
    is a search of its words."""
    tokens = assembly.tokens
    for token in tokens:
        if token.kind == "request" and not token.used:
            assembly.add([token], Condition("mention", values=list(token.data["words"]),
                                            words=assembly.text[token.start:token.end].strip()))
    _bind_rivals(assembly)
    for index, token in enumerate(tokens):
        if token.used or token.kind != "polarity" or token.data.get("polarity") is not None:
            continue
        if " ".join(assembly.text[token.start:token.end].split()) not in MENTION_WORDS:
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if after is None or after.used or after.kind not in ("brand", "interest", "quoted"):
            continue
        if not re.fullmatch(r"[\s过了的]*|\s*(?:" + _BEFORE_SAID + r")\s*", assembly.gap(token, after)):
            continue
        words = assembly.text[token.start:after.end].strip()
        if after.kind == "brand":
            condition = _brand_condition(after, "mention", words)
        else:
            # "mentioned Notion or Todoist": any of the words said, joined by "or"
            said = [_said_word(assembly, t) for t in _said_chain(assembly, tokens, index + 1)]
            words = assembly.text[token.start:max(end for _, end in said)].strip()
            condition = Condition("mention", values=[text for text, _ in said], words=words)
            after = [t for t in assembly.tokens if t.start >= after.start and t.end <= said[-1][1]]
            assembly.add([token, *after], condition)
            continue
        assembly.add([token, after], condition)


def _said_chain(assembly, tokens: list[Token], first: int) -> list[Token]:
    """The quoted or interest token at ``first`` and those joined to it by "or" or a comma
    ("mentioned notion, todoist or evernote"); an "or" token between is taken with them."""
    chain = [tokens[first]]
    for token in tokens[first + 1:]:
        if token.kind == "or":
            continue
        if token.used or token.kind not in ("quoted", "interest") or \
                not _SAID_JOINT.fullmatch(assembly.text[chain[-1].end:token.start]):
            break
        chain.append(token)
    return chain


def _said_word(assembly, token: Token) -> tuple[str, int]:
    """(the word searched, where it ends) for a quoted or interest token after a mention word."""
    if token.kind == "interest":   # "提到读书会": the whole phrase, not 读书 + a word left over
        token.end = _phrase_end(assembly, token)
    said = token.data["text"] if token.kind == "quoted" else singular(assembly.text[token.start:token.end])
    return " ".join(said.split()), token.end


# Between a mention word and what was said: an article or a possessive ("mentioned their card")
_BEFORE_SAID = r"the|a|an|some|any|their|his|her|my|our|its"
# Where a mentioned phrase ends: a particle (提到读书会的 / 读书会吗), or a word no token of its own explains
_PHRASE_STOP = re.compile(r"[的了过吗呢吧么啊呀和与或及跟]")


def _phrase_end(assembly, word: Token) -> int:
    """The end of the phrase that starts with ``word``: the Chinese characters (or latin words) right
    after it that no other token took ("读书" + "会", "book" + "club"), up to a particle."""
    taken = {i for t in assembly.tokens if t is not word for i in range(t.start, t.end)}
    text, end = assembly.text, word.end
    if re.search(r"[\u3400-\u9fff]$", text[word.start:word.end]):
        while end < len(text) and end not in taken and re.match(r"[\u3400-\u9fff]", text[end]) \
                and not _PHRASE_STOP.match(text[end]):
            end += 1
        return end
    for match in re.finditer(r"\s+([a-z]+)", text[end:]):
        span = range(word.end + match.start(1), word.end + match.end(1))
        if match.start() != end - word.end or any(i in taken for i in span) or match.group(1) in FILLER_EN_WORDS:
            break
        end = span.stop
    return end


def mentioned_phrases(text: str, tokens: list[Token], unknown: list[str], written: str = "") -> list[Token]:
    """Words not understood right after a mention word ("who mentioned the book club", "提到了签售"):
    the phrase searched in the texts, as a quoted word is (tokens of kind ``quoted``). ``written``: the
    question as typed (same offsets), where a name goes on through its capitalised words ("Anytime
    Fitness": the whole name, though "fitness" alone is an interest)."""
    found = []
    for token in tokens:
        # a rival compared with ("在对比猿辅导的用户", "comparing us with Udemy"): the compare intent and its mention
        compared = token.kind == "intent" and token.data.get("intent") == "compare"
        if not compared and (token.kind != "polarity" or " ".join(text[token.start:token.end].split()) not in MENTION_WORDS):
            continue
        lead = _COMPARED_LEAD if compared else r""
        start = token.end + re.match(rf"(?:\s|过|了|{lead}(?:{_BEFORE_SAID})\b)*", text[token.end:]).end()
        said = _unknown_run(text[start:], unknown)
        if said:
            found += _said_list(text, start, said, unknown, written)
        elif compared:   # the rival before: "和猿辅导对比", "跟猿辅导比较"
            before = re.search(r"(?:和|跟|与|同)(?P<w>[\u3400-\u9fff]+?)(?:做|进行)?(?:一下)?$", text[:token.start])
            if before and before.group("w") in unknown:
                found.append(Token(before.start("w"), before.end("w"), "quoted", {"text": before.group("w")}, 9))
    return found


def _said_list(text: str, start: int, said: list[str], unknown: list[str], written: str) -> list[Token]:
    """The phrase searched from ``start``, and each one joined to it by "or" / a comma ("mentioned
    Notion or Todoist", "提到Notion或Todoist"): one quoted token each, the joint left to bind them."""
    found = []
    while said:
        end = start + re.match(r"\s*".join(map(re.escape, said)), text[start:]).end()
        if len(written) == len(text) and written[start:start + 1].isupper():
            end += re.match(r"(?:\s+[A-Z][A-Za-z0-9'&-]*)*", written[end:]).end()
        found.append(Token(start, end, "quoted", {"text": " ".join(text[start:end].split())}, 9))
        joint = _SAID_JOINT.match(text, end)
        if joint is None:
            break
        start, said = joint.end(), _unknown_run(text[joint.end():], unknown)
    return found


_SAID_JOINT = re.compile(r"\s*(?:,\s*or|,|or|/|或者|或)\s*")
_COMPARED_LEAD = r"(?:us|ours|with|to|against|and)\b|(?:我们)?(?:和|跟|与|同)|一下|"


def _bind_rivals(assembly) -> None:
    """A rival named with the compare intent ("在对比猿辅导的用户", "和猿辅导对比过的", "comparing us with
    Udemy"): who mentioned it, besides the intent (bound by the intents); competitors in general
    (竞品, 别家) are part of the intent's own words."""
    tokens = assembly.tokens
    for index, token in enumerate(tokens):
        if token.kind != "intent" or token.data.get("intent") != "compare":
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        before = tokens[index - 1] if index else None
        for rival in (after, before):
            if rival is not None and not rival.used and rival.kind in ("quoted", "brand") and \
                    re.fullmatch(rf"(?:\s|过|了|一下|做|进行|{_COMPARED_LEAD}the\b)*",
                                 assembly.gap(*sorted((token, rival), key=lambda t: t.start))):
                words = assembly.text[rival.start:rival.end].strip()
                assembly.add([rival], _brand_condition(rival, "mention", words) if rival.kind == "brand"
                             else Condition("mention", values=[rival.data["text"]], words=words))


def _unknown_run(text: str, unknown: list[str]) -> list[str]:
    """The words not understood that ``text`` starts with: latin words in a row, or one Chinese word."""
    if re.match(r"[\u3400-\u9fff]", text):   # one that holds a particle is no phrase (美的: 美 + 的)
        return [w for w in unknown if text.startswith(w) and not _PHRASE_STOP.search(w)][:1]
    run = []
    for word in re.match(r"[a-z]*(?:\s+[a-z]+)*", text).group(0).split():
        if word not in unknown:
            break
        run.append(word)
    return run


def bind_bare_brands(assembly) -> None:
    """A brand no verb took: the deed of a brand said just before it, across "but not / 或 / 但没"
    ("bought Nike but not Adidas", "买过耐克或阿迪"); else its buyers ("Salomon buyers"); else who
    bought or mentioned it ("Nike fans", "耐克的用户")."""
    for token in assembly.tokens:
        if token.kind != "brand" or token.used:
            continue
        action = "order" if token.data.get("people") == "buyers" else "any"
        earlier = [(e, c) for _, e, c in assembly.built if c.kind == "brand" and e <= token.start]
        if earlier and token.data.get("people") is None:
            end, condition = max(earlier, key=lambda item: item[0])
            between = [t for t in assembly.tokens if end <= t.start and t.end <= token.start]
            if all(t.kind in ("neg", "or", "filler") for t in between) and \
                    re.fullmatch(r"[\s,，、]*(?:(?:but|and|or|not|never|但是?|却|或者?|和|跟|与|没有?|不|也)[\s,，、]*)*",
                                 _strip(assembly.text[end:token.start], between, end)):
                action = condition.action
        assembly.add([token], _brand_condition(token, action, assembly.text[token.start:token.end].strip()))


def _brand_condition(token: Token, action: str, words: str) -> Condition:
    """Bought / mentioned / either (``action``) the brand of ``token``, or the data word (data_words.py),
    or bought at the store (stores.py)."""
    if "store" in token.data:
        from agent.planner.stores import store_condition

        return store_condition([token], action, words)
    if "data" in token.data:
        from agent.planner.data_words import data_condition

        return data_condition([token], action, words)
    return Condition("brand", values=[token.data["brand"]], action=action, words=words)


def _strip(gap: str, tokens: list[Token], offset: int) -> str:
    """``gap`` without the text of ``tokens`` (which start at or after ``offset``)."""
    chars = list(gap)
    for token in tokens:
        chars[token.start - offset:token.end - offset] = " " * token.length
    return "".join(chars)


def singular(word: str) -> str:
    """'tents' -> 'tent' (a text that says "tent" mentions tents too); Chinese as said."""
    word = word.strip()
    return word[:-1] if re.fullmatch(r"[a-z ]{4,}s", word) and not word.endswith("ss") else word


def unknown_brand_hint(text: str, unknown: list[str], tokens: list[Token], db_brands: tuple[str, ...],
                       data_words: DataWords) -> list:
    """A word not understood right after "bought" / "买过" may be meant as a brand or a product: say it
    is no brand the planner knows, nor in the names and categories of the ordered products it was
    looked for in (data_words.py), with the brands of the orders, as (Chinese, English) problems (none
    otherwise)."""
    verbs = [t for t in tokens if t.kind == "verb" and t.data.get("action") == "order"]
    said = [w for w in unknown if any(re.match(r"[\s过了的]*(?:the|a|an)?\s*" + re.escape(w), text[v.end:])
                                      for v in verbs)]
    if not said:
        return []
    listed = ", ".join(nearest_brands(said, db_brands))
    names = "、".join(f"“{w}”" for w in said)
    products = data_words.looked_in()[0]
    zh, en = f"{names}不是已知的品牌", f"{', '.join(repr(w) for w in said)} is no brand I know"
    if products:
        zh += f"，订单里 {products} 个商品名和品类也都不含它"
        en += f", and none of the {products} product names and categories in the orders contains it"
    if listed:
        zh += f"（订单中相近的品牌：{listed}）"
        en += f" (the nearest brands in the orders: {listed})"
    return [(zh, en)]


def nearest_brands(said: list[str], db_brands: tuple[str, ...], most: int = 5) -> list[str]:
    """The brands of the orders most like the words said (by any of their names: 飞和 -> 飞鹤 Feihe,
    'pamper' -> 帮宝适 Pampers), most alike first; none when nothing is alike."""
    from difflib import SequenceMatcher

    def likeness(brand: str) -> float:
        names = [brand.lower(), *name_parts(brand)]
        return max(SequenceMatcher(None, word.lower(), name).ratio() for word in said for name in names)

    scored = sorted(((likeness(brand), brand) for brand in db_brands), key=lambda item: (-item[0], item[1].lower()))
    floor = max(NEAR_ENOUGH, scored[0][0] - NEAR_BEST) if scored else 1
    return [brand for score, brand in scored[:most] if score >= floor]


NEAR_ENOUGH = 0.5   # half the characters in common, in order
NEAR_BEST = 0.15    # and not far less alike than the likest one


# --- refusals -------------------------------------------------------------------------------------

def product_ranking(text: str) -> str | None:
    """The words of a question that ranks products or brands ("which products get the most complaints?"),
    or None. Brands and products ranked by what their orders say ("which brands do they buy most", "哪个品牌买的人多",
    "top 5 products by sales") are answered: a breakdown of the orders by brand or product (compile.py)."""
    match = _PRODUCT_RANK_RE.search(text)
    if match is None:
        return None
    words = match.group(0).strip()
    if _ORDER_GROUP_WORD.search(words) and not _REVIEWED.search(text):
        return None
    return words


def brands_compared(clauses: list, text: str, compared: bool = False) -> bool:
    """Two brands or more asked which of them ("帮宝适跟全棉时代哪个卖得好", "pampers or purcotton, which one
    sells more") or ``compared`` (the comparing words cut: "华为和小米的销量对比一下"): a figure per brand, not
    one for the buyers of both."""
    from agent.planner.spec import items_of

    named = [c for clause in clauses if not clause.negate for c in items_of(clause) if c.kind == "brand"]
    return len(named) >= 2 and (compared or bool(_WHICH_ONE.search(text)))


_WHICH_ONE = re.compile(r"哪个|哪家|哪一个|哪一家|哪款|(?<![a-z])which(?![a-z])")


def brand_groups(clauses: list) -> list:
    """The conditions of a question asked per brand ("top 5 brands in mother & baby", "帮宝适跟全棉时代
    哪个品牌买的人多"): a kind of product said is the orders of it (bought it, and only those orders are
    counted: compile.py), and brands named side by side are the brands compared (their buyers, each
    brand its own group), not buyers of all of them."""
    from agent.planner.spec import Group

    named = [c for c in clauses if isinstance(c, Condition) and c.kind == "brand" and not c.negate]
    out = []
    for clause in clauses:
        if isinstance(clause, Condition) and clause.kind == "interest" and not clause.negate:
            out.append(Condition("behavior", action="order", targets=list(clause.values), words=clause.words))
        elif isinstance(clause, Group) and all(c.kind == "brand" for c in clause.items):   # "pampers or purcotton"
            out.append(replace(clause, items=[replace(c, action="order") for c in clause.items]))
        elif len(named) < 2 or clause not in named:
            out.append(clause)
    if len(named) >= 2:
        out.append(Group(items=[replace(c, action="order") for c in named]))
    return out


# What orders do not say: how a product or brand is reviewed
# What an order says: its brand and its product, ranked by their buyers, orders or sales (compile.ORDER_GROUPS)
_ORDER_GROUP_WORD = re.compile(r"品牌|牌子|商品|产品|单品|(?<![a-z])(?:brands?|products?|items?)(?![a-z])")
_REVIEWED = re.compile(r"投诉|差评|好评|评价|评论|抱怨|吐槽|不满|满意|complain|review|rating|rated|unhappy|happy")


# --- SQL (called by compile._Builder) ------------------------------------------------------------

def brand_sql(builder, c: Condition) -> str:
    """The users of a ``brand`` or ``mention`` condition (a subquery of user ids)."""
    if c.kind == "mention":
        return _texts_sql(builder, [v.lower() for v in c.values], c, forms=True)
    parts = []
    if c.action in ("order", "any"):
        from agent.planner.stores import counted_orders

        source = "SELECT o.user_id FROM orders o WHERE " + " AND ".join(brand_order_filters(builder, c))
        parts.append(counted_orders(builder, source, c) if c.action == "order" else source)
    if c.action in ("mention", "any"):
        words = list(dict.fromkeys(s for brand in c.values for s in spellings(brand, in_texts=True)))
        parts.append(_texts_sql(builder, words, c))
    return " UNION ".join(parts)


def brand_order_filters(builder, c: Condition, alias: str = "o") -> list[str]:
    """The orders of a ``brand`` condition: its brand under any spelling, at its stores, inside its window. An order's
    brand may carry both names ("华为 Huawei"): either one, as a whole word."""
    words = list(dict.fromkeys(s for brand in c.values for s in spellings(brand)))
    from agent.planner.stores import at_store_filters

    filters = [containing(builder, (f"{alias}.brand",), words), *at_store_filters(builder, c, alias)]
    if c.window:
        filters += builder.window_filters(f"{alias}.ordered_at", c.window)
    return filters


def _texts_sql(builder, words: list[str], c: Condition, forms: bool = False) -> str:
    """Texts whose words or product contain any of ``words``: a Chinese word anywhere, a latin one as a
    whole word (lower() folds ASCII only, as the analyzers' spellings are); with ``forms`` an English
    word in any of its forms ("freezing": freeze, froze, frozen; word_patterns)."""
    filters = [containing(builder, ("t.text", "t.product"), words, stems=forms)]
    if c.window:
        filters += builder.window_filters("t.at", c.window)
    return "SELECT t.user_id FROM texts t WHERE " + " AND ".join(filters)


def containing(builder, columns: tuple[str, ...], words: list[str], *, whole_latin: bool = True,
               stems: bool = False) -> str:
    """'(col LIKE ? OR …)': one of ``columns`` contains one of ``words`` — a Chinese word anywhere, a
    latin one as a whole word when ``whole_latin`` (else anywhere, case ignored), parameters bound;
    with ``stems`` an English word in any of its forms (word_patterns)."""
    tests = []
    for column in columns:
        for word in words:
            if re.search(r"[\u3400-\u9fff]", word) or not whole_latin:
                tests.append(f"{column} LIKE ?")
                builder.params.append(f"%{word}%")
                continue
            for pattern in word_patterns(word) if stems else [_whole_word(word)]:
                tests.append(f"(' ' || lower({column}) || ' ') GLOB ?")
                builder.params.append(pattern)
    return "(" + " OR ".join(tests) + ")"


def word_patterns(word: str) -> list[str]:
    """GLOB patterns for every form of an English word: a word starting with one of its stems ("freezing"
    -> freez*, froz*: freeze, freezes, froze, frozen), by its regular endings and lexicon.IRREGULAR_FORMS;
    a phrase, or a word too short to stem safely, as the whole word only."""
    if not re.fullmatch(r"[a-z]+", word):
        return [_whole_word(word)]
    stem = _stem(word)
    forms = [form for group in lx.IRREGULAR_FORMS if stem in {_stem(f) for f in group} for form in group]
    stems = {_stem(w): w for w in [word, *forms]}
    return list(dict.fromkeys(_whole_word(w) if len(s) < 4 else f"*[^a-z0-9]{_glob_escape(s)}*"
                              for s, w in stems.items() if not any(s != o and s.startswith(o) for o in stems)))


def _whole_word(word: str) -> str:
    return f"*[^a-z0-9]{_glob_escape(word)}[^a-z0-9]*"


def _stem(word: str) -> str:
    """A word without its regular ending: freezing, freezes, freeze -> freez; stopped -> stop; replied -> repl."""
    for ending in ("ing", "ied", "ies", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4 and not word.endswith("ss"):
            word = word[:-len(ending)]
            break
    if len(word) >= 5 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]   # stopp(ed) -> stop
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def _glob_escape(word: str) -> str:
    return re.sub(r"([*?\[\]])", r"[\1]", word)


# --- words (called by describe.py) ---------------------------------------------------------------

def brand_words(c: Condition, lang: str) -> str:
    """'买过始祖鸟' / 'bought Salomon' / '提到过始祖鸟' / 'bought or mentioned Nike'."""
    from agent.planner.describe import count_words   # describe.py reads every kind's words, these too

    assumed = _assumed(c)
    times = count_words(c, lang) if c.action == "order" else ""
    if lang == "zh":
        verb = {"order": "买过", "mention": "提到过"}.get(c.action, "买过或提到过")
        return verb + "或".join(c.values) + times + "".join(f"（“{w}”按品牌理解）" for w in assumed)
    verb = {"order": "bought", "mention": "mentioned"}.get(c.action, "bought or mentioned")
    return f"{verb} " + " or ".join(c.values) + times + "".join(f" ('{w}' taken as the brand)" for w in assumed)


def _assumed(c: Condition) -> list[str]:
    """The everyday words of the question read as a brand's name (买过皇家: 皇家 Royal Canin; 买过苹果产品: Apple)."""
    said = " ".join(c.words.lower().split())
    everyday = [word for word in lx.BRAND_ALIASES if word in said and ordinary(word)]
    return everyday + [part for brand in c.values if brand.lower() not in said
                       for part in name_parts(brand) if part in said and ordinary(part)]


def mention_words(c: Condition, lang: str) -> str:
    """'提到“冲锋衣”（在评价、聊天等文本中搜索）' / 'mentioned "tent" (searched in their texts)'."""
    if lang == "zh":
        return "提到过" + "或".join(f"“{v}”" for v in c.values) + "（在评价、聊天等文本中搜索该词）"
    forms = any(re.fullmatch(r"[a-z]{4,}", v.lower()) for v in c.values)   # searched in any form (word_patterns)
    return "mentioned " + " or ".join(f'"{v}"' for v in c.values) + \
        (" (the word in any form, searched in their reviews and chats)" if forms else
         " (the word searched in their reviews and chats)")
