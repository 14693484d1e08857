"""Words -> plan: the offline planner's reading of an operator's question (Chinese or English).

How it reads, in four steps (after small talk: a whole message like "hi" or "你能做什么" is a
``chat`` request answered without a query, and a greeting in front of a question is cut off, chat.py):

1. **Requests** that carry free text are cut out first: "save this as <name>", "写一条短信文案"
   (channel, tone, offer ...), "what tags are there for <words>", a user id ("show me u00042").
2. **Tokens**: every phrase the lexicon knows (lexicon.py, the taxonomy's interest synonyms, the city
   gazetteer) is found with its span; where two overlap, the longer wins.
3. **Assembly** binds tokens into conditions: a verb takes its object and count ("bought outdoor gear
   at least twice"), an opinion word its aspect ("对价格不满"), a time window the conditions it can
   apply to, a negation the condition after it, "or" the conditions on each side.
4. **Leftovers**: whatever text no token consumed, minus filler words ("please", "帮我查一下",
   "的用户"), is a part the planner did not understand. It then asks instead of guessing — a
   condition is never silently dropped.

A follow-up ("of those, only women", "那男性呢", "按城市分布呢", a correction "no, men not women") is
read against the previous audience specification. After copy was written, a question with a
population of its own ("users negative about delivery") is a data question, not a copy change.

Before the tokens, a segment the question names ("in segment 高价值客户", "c3 里的", segments.py) and
the words of a comparison ("compare men and women on …": the figure per group) are cut out; a user
id with "why" asks for that user's tag evidence, with "similar to" for a look-alike (refused), and
"export them to x.csv" is answered with the chat's /export command.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from agent.planner import lexicon as lx
from schema.taxonomy import load_taxonomy
from agent.planner.about import about_clause, has_about
from agent.planner.assemble import SINGLE_VALUED, Assembly
from agent.planner.brands import (MENTION_WORDS, brand_groups, brand_tokens, brands_compared, mentioned_phrases,
                                  product_ranking, unknown_brand_hint)
from agent.planner.compile import ORDER_GROUPS, SHARED_GROUPS
from agent.planner.periods import cut_periods, periods_spec
from agent.planner.competitors import competitor_problems, rival_tokens
from agent.planner.text_lang import about_writing, text_lang_tokens
from agent.planner.places import city_tokens, countries_said, country_problems
from agent.planner.data_words import (bought_exactly, bought_interest, data_tokens, field_problems, kind_bought,
                                      kinds_sold, runs_of, with_neighbours)
from agent.planner.describe import clause_words, describe
from agent.planner.chat import question_span, small_talk, standalone_pleasantries
from agent.planner.homophones import sound_alike_readings
from agent.planner.spelling import correct
from agent.planner.segments import builtin_segments, find_segment
from agent.planner.shop_facts import ShopFacts
from agent.planner.event_types import event_tokens, event_types_hint
from agent.planner.order_times import order_time_tokens
from agent.planner.meal_words import read_meals
from agent.planner.service_words import read_services
from agent.planner.occupations import occupation_tokens
from agent.planner.attributes import attribute_tokens
from agent.planner.question_lang import detect_lang
from agent.planner.opinion_about import with_details
from agent.planner.order_scope import who_bought
from agent.planner.prepaid import services_had
from agent.planner.repurchase_rate import as_share
from agent.planner.stores import store_complaints, store_tokens
from agent.planner.spec import (TIMED_KINDS, AudienceSpec, Clause, Condition, Group, Metric, Range, flattened,
                                items_of)
from agent.planner.tokens import (FILLER_EN_WORDS, Token, at_spend_line, service_words, strong_narrow,
                                   strong_reference, table_key, tokenize)

# Follow-ups that replace ("what about men?") swap conditions in the same slot.
# a product of the data is a deed (bought it), as a bought interest is: "那美甲呢" after 做过面部护理的 swaps them
SLOTS = {"city": "place", "city_tier": "place", "new_tier1": "place", "product": "behavior"}


class PlanError(Exception):
    """The question cannot be planned; ``unknown`` lists the words that were not understood."""

    def __init__(self, reason: str, unknown: list[str] | None = None, understood: AudienceSpec | None = None,
                 *, reason_zh: str | None = None, refused: bool = False, examples: dict | None = None):
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh or reason
        self.unknown = unknown or []
        self.understood = understood
        self.lang: str | None = None   # the answer's language, when the question asked for one ("用英文回答")
        self.refused = refused
        self.examples = examples   # {"zh": [...], "en": [...]}: what to ask instead, when not the usual ones


@dataclass
class Request:
    """What the question asks for, before SQL: an audience, or one of the agent's other tools."""

    kind: str                                   # audience | profile | generate_profile | lookup | copy | save | chat | explain | said
    spec: AudienceSpec | None = None            # the audience (copy/save: None = the previous one)
    args: dict = field(default_factory=dict)    # the tool's arguments (chat: {"topic": ...}, chat.small_talk)
    lang: str = "zh"
    new_audience: bool = False                  # copy/save that first needs its audience selected
    corrected: dict = field(default_factory=dict)   # typos read as known words: {"registerd": "registered", "物留": "物流"}
    broadened: dict = field(default_factory=dict)   # kinds of goods the data has none of, read as their interest: {"宠物粮": "pets"}
    inherited: bool = False     # an elliptical follow-up ("top 5 cities") kept the previous audience unasked
    widened: list = field(default_factory=list)   # what a follow-up added to the audience ("add men too")
    compares: bool = False      # groups set side by side ("女生多还是男生多"): the answer says which is bigger
    follows: bool = False       # it goes on with the previous audience (narrows, changes or reuses it)
    copy_audience: bool = False  # a copy change went back to the audience the copy was for (not the last one)
    after_empty: bool = False   # a short "who …" after an answer with no users asked about everyone
    all_users: bool = False     # a short "who did …" after an audience: about everyone, said ("who claimed a coupon?")
    split_whole: list = field(default_factory=list)   # "男女比例" after "其中女性": the condition the split dropped
    unread: list = field(default_factory=list)   # copy for the last audience: the words naming another were not understood


# --- entry point -------------------------------------------------------------------------------

def parse_question(question: str, history: AudienceSpec | None = None, last_copy: dict | None = None,
                   facts: ShopFacts = ShopFacts(), copy_audience: AudienceSpec | None = None,
                   last_empty: bool = False) -> Request:
    """Read one question (with the previous audience for follow-ups) into a :class:`Request`.

    ``last_copy`` is the arguments of the conversation's last copy request: a follow-up that only
    changes them ("换成正式一点的语气，发邮件", "give me 5 more") writes the copy again with the change, for
    ``copy_audience`` (the audience it was written for; ``history`` when not known), even when a data
    question about other users came in between.
    ``facts`` are the database's segments, brands, big spenders' line and data words a question may
    use (shop_facts.load_shop_facts; the default: no database). ``last_empty``: the previous answer
    found no users (a short "who …" after it is about everyone).

    Raises:
        PlanError: Part of the question was not understood (the error names it), or it asks for
            something the planner must not do (write to the database).
    """
    text = lx.normalize(question).strip()
    lang = detect_lang(text)
    if not text.strip(" ?.!,"):
        raise PlanError("the question is empty", reason_zh="问题是空的")
    topic = small_talk(text)
    if topic == "off_topic":   # "今天天气咋样", "tell me a joke": not about the customers, said politely
        raise PlanError(f"I only answer questions about your customers and their data ('{text.strip(' ?!.')}' is "
                        "not one)", reason_zh=f"我只回答关于你的用户和客户数据的问题（“{text.strip(' ?!.？！。')}”不属于这类）",
                        refused=True)
    if topic is not None:   # "hi", "谢谢", "what can you do": answered in words, no query
        return Request("chat", args={"topic": topic}, lang=lang)
    question, text = _without_pleasantries(question)
    question = as_share(question)   # 奶粉复购率: the share of formula buyers who bought it again (repurchase_rate.py)
    lang = detect_lang(text)

    def read(asked: str, details: bool = False) -> Request:
        return _read(_Reader(asked, lx.normalize(asked).strip(), lang, facts, last_empty, details), history,
                     last_copy, copy_audience)

    try:
        return read(question)
    except PlanError as error:
        if error.refused:
            raise
        try:
            return _read_typos(question, error, read)
        except PlanError:
            pass
        # a word still not understood beside an opinion is what it is about in detail (漏尿, "leaking"): read so
        # only after no typo repair reads it (对物留不满 is 物流, not texts saying 物留)
        try:
            return read(question, details=True)
        except PlanError:
            raise error from None


def _read_typos(question: str, error: PlanError, read) -> Request:
    """The question read again with its typos corrected: latin words one edit from a known word
    (spelling.py); Chinese words that sound like a known term (homophones.py) when exactly one way
    to read them is understood, and it is likely Chinese. Raises ``error`` when nothing was corrected."""
    fixed, fixes = correct(question, [w for w in error.unknown if not lx.CJK_RE.search(w)])
    understood = []
    for reading in sound_alike_readings(fixed, [w for w in error.unknown if lx.CJK_RE.search(w)]):
        try:
            understood.append((read(reading.question), reading))
        except PlanError:
            continue
    if len(understood) == 1 and understood[0][1].likely:
        request, sounds = understood[0][0], understood[0][1].fixes
    elif fixes:
        request, sounds = read(fixed), {}
    else:
        raise error
    request.corrected = {**fixes, **sounds}
    return request


def _read(reader: "_Reader", history: AudienceSpec | None, last_copy: dict | None,
          copy_audience: AudienceSpec | None) -> Request:
    """The reader's request, answered in the language the question asked for ("用英文回答", "answer in
    Chinese"): the words are read in the question's own language, the answer (and an error) in that one."""
    try:
        request = reader.read(history, last_copy, copy_audience)
    except PlanError as error:
        error.lang = reader.answer_lang
        raise
    request.follows = reader.follows
    request.broadened = reader.broadened
    if reader.answer_lang:
        request.lang = reader.answer_lang
        if request.spec is not None:
            request.spec = replace(request.spec, lang=reader.answer_lang)
    return request


def _without_pleasantries(question: str) -> tuple[str, str]:
    """The question (case kept) and its normalized text, without a greeting or thanks around it
    ("hi, how many users in Beijing?", "你好，上海有多少女性用户", "…，谢谢"): they are filler."""
    written = lx.fold(question).strip()
    text = written.lower()
    start, end = question_span(text)
    if (start, end) == (0, len(text)):
        return question, text
    question = (written if len(written) == len(text) else text)[start:end]
    return question, lx.normalize(question).strip()


# --- the reader --------------------------------------------------------------------------------

class _Reader:
    def __init__(self, question: str, text: str, lang: str, facts: ShopFacts, last_empty: bool = False,
                 details: bool = False):
        self.details = details             # words not understood beside an opinion are its detail (with_details)
        self.facts = facts                 # the database's brands, big spenders' line, data words (shop_facts.py)
        self.all_segments = facts.segments is not None   # the database's segments (else only the built-in rule ones)
        self.segments = facts.segments if self.all_segments else builtin_segments()   # a question may name one
        self.field_problems: list = []   # words found as values of kept extra fields (not queryable)
        self.country_words: set[str] = set()   # the words of the countries named (places.countries_said)
        self.text = text              # normalized (lower case)
        self.written = lx.fold(question).strip()   # same, case kept: names and ids are quoted as written
        self.lang = lang
        self.masked = text            # the text with cut-out spans blanked (same offsets)
        self.elliptical = False       # a follow-up that continues the audience without saying so
        self.copy_said: set[str] = set()   # the copy arguments the question itself states
        self.extra_filler: re.Pattern | None = None   # words that carry nothing in this kind of request
        self.answer_lang: str | None = None   # asked for: "用中文回答", "answer in English"
        self.widened: list[Clause] = []   # the clauses a follow-up added people with ("男性也加上")
        self.which_more = False       # "女生多还是男生多": which of the values named has more users
        self.versus_rest = False      # "compare X with everyone else": X and the users not in X
        self.compares = False         # the question compares groups (a comparison or "which has more")
        self.follows = False          # it goes on with the previous audience (Request.follows)
        self.last_empty = last_empty  # the previous answer found no users (parse_question's last_empty)
        self.after_empty = False      # a short "who …" after an audience with no users: about everyone
        self.all_users = False        # a short "who did …" after an audience: about everyone (_asks_who_did)
        self.split_whole: list[Clause] = []   # "男女比例" after "其中女性": the condition a split took away
        self.broadened: dict[str, str] = {}   # kinds of goods the data has none of, read as their interest

    def _as_written(self, match: re.Match, group: int = 0) -> str:
        return self._written(*match.span(group))

    def _written(self, start: int, end: int) -> str:
        source = self.written if len(self.written) == len(self.text) else self.text
        return source[start:end]

    # -- requests with free text --

    def read(self, history: AudienceSpec | None, last_copy: dict | None = None,
             copy_audience: AudienceSpec | None = None) -> Request:
        verb = _REFUSE_RE.search(self.text)
        # "update u00042" rebuilds that user's profile; "delete user u00042" is still a write
        rebuild = verb and _USER_ID_RE.search(self.text) and _GENERATE_RE.search(verb.group(0))
        excluding = (verb and history is not None and verb.group(0).split()[-1] in lx.EXCLUDE_VERBS
                     and not _DATA_OBJECT_RE.search(self.text))
        write = _WRITE_CHANGE_RE.search(self.text) or (None if rebuild or excluding else verb)
        if write:
            word = write.group(0).strip()
            raise PlanError(f"Persona only reads data: it cannot delete, change or add anything ('{word}')",
                            reason_zh=f"Persona 只读取数据，不能删除、修改或新增任何内容（“{word}”）",
                            unknown=[word], refused=True)
        self._refuse_unsupported([_IDENTITY])
        save = self._cut_save()
        if save is not None:
            return self._with_audience("save", save, history)
        # a rewrite ("换成正式一点的语气，发邮件") changes the last copy even when it says a copy verb;
        # otherwise a change is looked for only when the question asks for no copy of its own
        rewrite = bool(last_copy) and (_COPY_REWRITE_RE.search(self.masked) or _MAKE_IT_RE.search(self.masked)) \
            is not None
        change = self._copy_change(last_copy) if rewrite else None
        copy = change or self._cut_copy()
        if copy is None and last_copy and not rewrite:
            copy = change = self._copy_change(last_copy)
        if copy is None and not last_copy:
            self._refuse_more_without_copy()
            self._refuse_change_without_copy()
        if change is not None:   # the last copy again, changed: for the audience it was written for, selected
            # again when a question about other users came in between (copy writes for the last users found)
            moved = copy_audience is not None and (history is None or copy_audience.to_dict() != history.to_dict())
            request = self._with_audience("copy", change, copy_audience if moved else history, reselect=moved)
            request.copy_audience = moved and request.spec is not None and request.spec.where == copy_audience.where
            return request
        if copy is not None:
            return self._with_audience("copy", copy, history)
        self._cut_answer_language()   # after copy: there the language words are the copy's
        self._refuse_unsupported(_NOT_SUPPORTED)
        export = self._cut_export()
        if export is not None:
            return export
        ranked = product_ranking(self.masked)
        if ranked:
            raise _product_ranking_error(ranked)
        ranked = _staff_ranking(self.masked)
        if ranked:
            raise _staff_ranking_error(ranked)
        ranked = store_complaints(self.masked)
        if ranked:
            raise _store_complaints_error(ranked)
        lookup = self._cut_lookup()
        if lookup is not None:
            return Request("lookup", args={"query": lookup, "kind": "any"}, lang=self.lang)
        user = _USER_ID_RE.search(self.text)
        if user and _LOOKALIKE_RE.search(self.masked):
            raise _lookalike_error(self._as_written(user, 1))
        if user and _WHY_RE.search(self.masked) and not _GENERATE_RE.search(self.text):
            return self._explain(user)
        if user and _SAID_RE.search(self.masked) and not _GENERATE_RE.search(self.text):
            return Request("said", args={"user_id": self._as_written(user, 1)}, lang=self.lang)
        if user:
            kind = "generate_profile" if _GENERATE_RE.search(self.text) else "profile"
            return Request(kind, args={"user_id": self._as_written(user, 1)}, lang=self.lang)
        spec, mode = self._audience(history)
        # "有没有人想退款" narrows without pointing back: the answer says the audience was kept, too
        anyone = mode == "narrow" and _ANYONE_ASKS_RE.match(self.masked) is not None
        return Request("audience", spec=spec, lang=self.lang, new_audience=True,
                       inherited=self.elliptical and ((mode == "reuse" and (bool(history.audience()) or
                                                                            history.output == "rank")) or anyone),
                       widened=self.widened, compares=self.compares and spec.output == "breakdown",
                       after_empty=self.after_empty, all_users=self.all_users, split_whole=self.split_whole)

    def _with_audience(self, kind: str, args: dict, history: AudienceSpec | None, reselect: bool = False) -> Request:
        # A new copy request says its own settings (or gets the defaults and the question's language):
        # an offer, tone or language of earlier copy is not carried into it; only a change of the last
        # copy ("换个语气", "再来三条", _cut_copy_change) keeps what it does not change
        try:
            spec, mode = self._audience(history)
        except PlanError as error:
            # "write a win-back email for the lapsed weekly shoppers" after a thread that found them: words
            # that do not read as an audience leave copy for the audience just found, said (fresh eyes 15)
            if kind != "copy" or error.refused or not error.unknown or history is None or not history.audience():
                raise
            return Request(kind, spec=None, args=args, lang=self.lang, follows=True, unread=error.unknown)
        # "给消费最高的10个用户写短信": the ranked users are the audience (the ranking selects user_id first)
        own = bool(spec.where) or spec.output == "rank"
        reused = mode == "reuse" or (mode == "new" and not own)
        self.follows = history is not None and (reused or mode != "new")
        grouped = history is not None and history.output in ("breakdown", "overview") and history.audience()
        if reused and history is not None and (reselect or history.output in ("aggregate", "ratio") or grouped):
            # the last answer was a figure, or the groups of an audience with conditions ("价格敏感用户都在
            # 抱怨什么"), not a set of users: select its audience first (groups of everyone are no audience);
            # so is an earlier audience (``reselect``: a ranking is ranked again)
            audience = history if history.output == "rank" else AudienceSpec(where=history.audience(), lang=self.lang)
            return Request(kind, spec=audience, args=args, lang=self.lang, new_audience=True)
        if mode == "new" and not own:
            if history is None:
                raise PlanError(
                    f"there is no audience yet to {'write copy for' if kind == 'copy' else 'save'}; first ask for one",
                    reason_zh=f"还没有可以{'写文案' if kind == 'copy' else '保存'}的人群，请先找出这群人")
            return Request(kind, spec=None, args=args, lang=self.lang)
        if mode == "reuse":
            return Request(kind, spec=None, args=args, lang=self.lang)
        selected = spec if spec.output == "rank" else replace(spec, where=spec.audience(), output="list",
                                                              group_by=None, top=None, metric=None, base=[])
        return Request(kind, spec=selected, args=args, lang=self.lang, new_audience=True)

    def _refuse_unsupported(self, entries: list) -> None:
        """Refuse, saying why, a question that asks for what one of ``entries`` (pattern, reasons)
        names ("手机号", "forecast next month")."""
        for pattern, (reason, reason_zh, examples) in entries:
            found = pattern.search(self.masked)
            if found:
                word = found.group(0).strip()
                raise PlanError(reason.format(word=word), reason_zh=reason_zh.format(word=word), unknown=[word],
                                refused=True, examples=examples)

    def _blank(self, start: int, end: int) -> None:
        self.masked = self.masked[:start] + " " * (end - start) + self.masked[end:]

    def _cut_save(self) -> dict | None:
        for pattern in (_SAVE_ZH_RE, _SAVE_EN_RE, _SAVE_EN_NAME_RE):
            match = pattern.search(self.masked)
            if match:
                named = "name" in pattern.groupindex
                name = _clean_name(self._as_written(match, "name" if named else 1))
                if named:   # the words between the verb and the name are the audience to save
                    self._blank(*match.span("verb"))
                    self._blank(*match.span("tail"))
                else:
                    self._blank(match.start(), match.end())
                if name:
                    return {"name": name}
        for pattern in (_SAVE_ZH_BARE_RE, _SAVE_EN_BARE_RE):
            match = pattern.search(self.masked)
            if match:
                self._blank(match.start(), match.end())
                return {"name": None}
        return None

    def _cut_answer_language(self) -> None:
        """"用中文给我列出…", "answer in English", "…，用中文": the answer's language, not a condition."""
        # "users who wrote in Chinese", 用英文写评论的: what they wrote in, not the answer's language
        said = next((m for m in _ANSWER_LANGUAGE_RE.finditer(self.masked)
                     if not about_writing(self.masked, *m.span())), None)
        if said is None:
            return
        self.answer_lang = table_key(lx.LANGUAGE, _phrase_map_re("language").search(said.group(0)).group(0))
        self._blank(*said.span())

    def _cut_copy(self) -> dict | None:
        trigger = None
        for pattern in (_COPY_ZH_RE, _COPY_EN_RE, _COPY_CHANNEL_VERB_RE, _COPY_NOUN_RE):
            trigger = pattern.search(self.masked)
            if trigger:
                break
        if trigger is None:
            return None
        args: dict = {"channel": "sms", "tone": "friendly", "language": self.lang, "offer": None, "n": 3}
        count = re.search(r"(" + lx.NUM + r"|几)\s*(?:条|个|段|版|份|则|句|封|篇)|(?<![a-z0-9])(" + lx.NUM
                          + r")\s+(?:[a-z'-]+\s+){0,3}?(?:variants?|versions?|options?|messages?|texts?|slogans?"
                          r"|emails?|posts?|taglines?|headlines?|sms|push(?:es)?|notifications?|copies)",
                          trigger.group(0))
        number = count and (count.group(1) or count.group(2))
        if number:
            self.copy_said.add("n")
        if number and number != "几" and number not in ("a", "an"):
            args["n"] = max(1, min(5, int(lx.to_number(number))))
        elif re.search(r"(?<![a-z])(?:an?|one|single)\s+(?:[\w-]+\s+){0,3}(?:message|text|slogan|e-?mail|post|tagline|headline"
                       r"|sms|push|notification|variant|version|option)\b",
                       trigger.group(0)) or re.match(lx.COPY_ONE_ZH, trigger.group(0)):
            args["n"] = 1
        for key, table in (("channel", lx.CHANNEL), ("language", lx.LANGUAGE)):
            match = _phrase_map_re(key).search(self.masked)
            if match:
                args[key] = table_key(table, match.group(0))
                self.copy_said.add(key)
                if not (trigger.start() <= match.start() < trigger.end()):
                    self._blank(match.start(), match.end())
        occasion = _asked_occasion(self.masked)
        if occasion:
            args["occasion"] = occasion
        if "language" not in self.copy_said:   # not chosen: a mixed audience gets both (docs/segments.md)
            args["both_languages"] = True
        tone = _TONE_RE.search(self.masked)
        if tone:
            args["tone"] = table_key(lx.TONE, tone.group("tone"))
            self.copy_said.add("tone")
            self._blank(tone.start(), tone.end())
        parts = self._offer_parts(trigger.start(), trigger.end())
        about = trigger.groupdict().get("about")
        if not parts and about and _COPY_OFFER_ABOUT_RE.search(about):   # 耳机促销的朋友圈文案: the sale is the offer
            parts = [(trigger.start("about"), trigger.end("about"), self._written(*trigger.span("about")).strip())]
        if parts:
            args["offer"] = ("，" if self.lang == "zh" else ", ").join(words for _, _, words in parts)
            self.copy_said.add("offer")
            for start, end, _ in parts:
                self._blank(start, end)
        self._blank(trigger.start(), trigger.end())
        for purpose in _COPY_PURPOSE_RE.finditer(self.masked, trigger.end()):
            self._blank(purpose.start(), purpose.end())   # "to win them back": why, the copywriter's angle already
        for again in _COPY_NOUN_RE.finditer(self.masked):   # "把文案写得俏皮一点，…写两条推送"
            self._blank(again.start(), again.end())
        for noun in _COPY_MESSAGE_RE.finditer(self.masked):   # "email them a warm reminder": what it is
            self._blank(noun.start(), noun.end())
        return args

    def _offer_parts(self, request: int, after: int) -> list[tuple[int, int, str]]:
        """Every part of a copy request's offer, in order, as (start, end, words): each led by a verb
        after the request (``request``-``after``: "推广冬季帐篷", "promoting the sale": to the end of its
        clause) or a promotion form anywhere ("满500减80", "20% off the new earbuds": with what it is on;
        inside the request, "写一条包邮的短信", only the form). "推广冬季帐篷，满500减80" is one offer of two parts."""
        parts = []
        for led in (_OFFER_ZH_RE if self.lang == "zh" else _OFFER_EN_RE).finditer(self.masked, after):
            if led.group(0).startswith("about") and _OPINION_BEFORE_ABOUT_RE.search(self.masked, 0, led.start()):
                continue   # "for customers who complained about delivery": whom it is for, not what it offers
            if led.group(1).strip() and not _REFERENCE_ONLY_RE.fullmatch(led.group(1).strip()):
                # "推广会员日满200减30": all of it, but for whom it is written at its end
                end = self._offer_end(led)
                parts.append((led.start(), end, _offer_words(self._written(led.start(1), end))))
        about = _ABOUT_IN_REQUEST_RE.search(self.masked, request, after)
        if about:   # "写一条关于新配送服务的短信": what it is about, said inside the request
            parts.append((about.start(), about.end(), self._as_written(about, 1)))
        for inline in _OFFER_INLINE_RE.finditer(self.masked):
            if any(start <= inline.start() < end for start, end, _ in parts):
                continue
            if request <= inline.start() < after:
                parts.append((inline.start(), inline.end(), self._as_written(inline, 1).strip()))
                continue
            end = _OFFER_REACH_RE.match(self.masked, inline.end()).end()
            # what it is on, said before a bare form ("，智能手表打8折"); not before a gift verb's form
            before = _OFFER_REACH_BACK_RE.search(self.masked, after, inline.start()) \
                if inline.start() >= after and inline.start(1) == inline.start() else None
            start = before.start() if before else inline.start()
            parts.append((start, end, self._written(before.start() if before else inline.start(1), end).strip()))
        return sorted(parts)

    def _offer_end(self, led: re.Match) -> int:
        """Where an offer led by a verb ends: before a last "for <audience>" / "给<audience>" in it ("about our
        new delivery service for gold members": the offer is the service, the copy is for gold members),
        else at the end of its clause."""
        for tail in reversed(list(_AUDIENCE_TAIL_RE.finditer(self.masked, led.start(1), led.end(1)))):
            if self._names_people(self.masked[tail.end():led.end(1)]):
                return tail.start()
        return led.end(1)

    def _copy_change(self, last_copy: dict) -> dict | None:
        """The last copy's arguments with the change the question makes, or None (the question read as
        it was): a question of its own that only shares words with a copy change ("users negative about
        delivery", "注册不到一个月的用户") is read whole, as a data question."""
        before = self.masked
        for rewrite in _COPY_REWRITE_RE.finditer(self.masked):   # "switch to push" (no Nintendo Switch)
            self._blank(rewrite.start(), rewrite.end())
        change = self._cut_copy_change(last_copy)
        if change is not None and not self._asks_for_people():
            return change
        self.masked, self.copy_said, self.extra_filler = before, set(), None
        return None

    def _refuse_more_without_copy(self) -> None:
        """"再来三条", "give me three more", "another version" when the conversation has no copy: the copy
        asked for before was never written (no users matched, or it was not understood). Said plainly,
        with how to ask for copy, instead of reading "来三条" as words about users."""
        more = _COPY_MORE_RE.search(self.masked)
        if more is None or _ASIDE_RE.sub("", self.masked[:more.start()] + self.masked[more.end():]):
            return   # "销售额最高的3个门店", "换成近一个月": more words than a request for more
        raise PlanError(f"{NO_COPY_YET} to write more of: none has been written in this conversation (a copy "
                        "request whose audience had no users, or that was not understood, writes none); ask for "
                        "the copy itself, with who it is for (more users: say how many, e.g. 'top 10 spenders')",
                        reason_zh="还没有文案可以再写几条：这个对话里还没有写出过文案（写文案的请求没有找到用户，或没能理解，"
                                  "就不会写）；请直接说给谁写、写几条（要更多用户，请说要多少位，例如“消费最高的10位顾客”）",
                        refused=True, examples={"zh": ["给这些用户写三条短信"], "en": ["write 3 SMS for these users"]})

    def _refuse_change_without_copy(self) -> None:
        """"语气温暖一些", "make it shorter and send it as an SMS instead", "now in Chinese" when the
        conversation has no copy: a change of copy that was never written. Said plainly, with how to
        ask for copy, instead of reading the words as conditions on users (fresh eyes 14, 15)."""
        before = self.masked
        answer_in = _ANSWER_LANGUAGE_RE.search(before)
        if answer_in and _ANSWER_WORDS_RE.search(answer_in.group(0)):
            return   # "in Chinese please", "用中文回答": the answer's language, not the copy's
        # any word about users ("有几个", "gold members", "what about last month") makes it a question of its own
        about_users = self._asks_for_people() or \
            any(t.kind not in ("replace", "reference") for t in tokenize(self.masked, self.lang))
        try:
            # an offer alone is no sign of copy ("what about 新街口店" asks about a store)
            changed = self._cut_copy_change(dict(_NO_COPY)) is not None and self.copy_said != {"offer"}
        except PlanError:   # "短一点", "make it sarcastic": a change of copy, answered with what it can do
            changed = True
        for pattern in (_COPY_LENGTH_RE, _COPY_REWRITE_RE, _MAKE_IT_RE, _TONE_ASK_RE):
            for found in pattern.finditer(self.masked):
                self._blank(*found.span())
        tokens = tokenize(self.masked, self.lang)
        words = _leftovers(self.masked, tokens, _COPY_CHANGE_FILLER_RE)
        rest = [word for word in words if _COPY_CHANGE_FILLER_RE.sub("", word).strip()]
        self.masked, self.copy_said, self.extra_filler = before, set(), None
        if changed and not rest and not about_users:
            raise PlanError(f"{NO_COPY_YET} to change: none has been written in this conversation; ask for the "
                            "copy itself, with who it is for and how (e.g. 'write a warm SMS in Chinese for these users')",
                            reason_zh="还没有文案可以修改：这个对话里还没有写出过文案；请直接说给谁写、怎么写"
                                      "（例如“给这些用户写一条温暖的短信”）",
                            refused=True, examples={"zh": ["给这些用户写一条温暖的短信"],
                                                    "en": ["write a warm SMS in Chinese for these users"]})

    def _cut_copy_change(self, last_copy: dict) -> dict | None:
        """A follow-up that changes the last copy: its arguments with the change, or None.

        Tone, channel, language, number of variants and offer can change ("换成正式一点的语气，发邮件",
        "再来三条", "用英文写", "加上满300减50", "give me 5 more", "as SMS"). Length and tones the
        copywriter does not have are answered with what it can do instead.
        """
        args, said = dict(last_copy), set()
        tone = _TONE_RE.search(self.masked)
        if tone:
            args["tone"] = table_key(lx.TONE, tone.group("tone"))
            said.add("tone")
            self._blank(tone.start(), tone.end())
        for key, table in (("channel", lx.CHANNEL), ("language", lx.LANGUAGE)):
            match = _phrase_map_re(key).search(self.masked)
            if match:
                args[key] = table_key(table, match.group(0))
                said.add(key)
                self._blank(match.start(), match.end())
        if "language" in said:   # the language chosen: that one alone
            args.pop("both_languages", None)
        args["skip"] = 0  # a new tone, channel or offer starts over
        more = _COPY_MORE_RE.search(self.masked)
        if more:
            # "再来三条": more of the same, after the ones already shown
            args["skip"] = last_copy.get("skip", 0) + last_copy.get("n", 3)
            number = more.group("n_zh") or more.group("n_en")
            if number and number != "几":
                args["n"] = max(1, min(5, int(lx.to_number(number))))
            said.add("n")
            self._blank(more.start(), more.end())
        led = (_OFFER_ZH_RE if self.lang == "zh" else _OFFER_EN_RE).search(self.masked)
        inline = _OFFER_INLINE_RE.search(self.masked)
        offer = led if led and led.group(1).strip() else inline
        if offer is not None and offer is led and self._names_people(led.group(1)):
            offer = None   # "再加上男性", "加上上海的": who to write for, an audience refinement, not an offer
        if offer is not None:
            args["offer"] = _offer_words(self._as_written(offer, 1))
            said.add("offer")
            self._blank(offer.start(), offer.end())
        length = _COPY_LENGTH_RE.search(self.masked)
        # "make it an email instead": a channel (language, offer, more) said wins over a tone asked for
        asked_tone = None if tone or said else _TONE_ASK_RE.search(self.masked)
        if not said and not length and not asked_tone:
            return None
        self.extra_filler = _COPY_CHANGE_FILLER_RE
        if length:
            raise _length_error(args, self.lang)
        if asked_tone:
            self._blank(asked_tone.start(), asked_tone.start() + len(asked_tone.group(0).split()[0]))
            words = _leftovers(self.masked, tokenize(self.masked, self.lang), self.extra_filler)
            raise _tone_error([rest for word in words if (rest := self.extra_filler.sub("", word).strip())],
                              self.lang)
        if said and not more and all(args.get(key) == last_copy.get(key) for key in _COPY_SETTINGS):
            # asked for what the copy already has ("换个语气，专业一点" after professional copy): new
            # variants in it, never the same text again
            args["skip"] = last_copy.get("skip", 0) + last_copy.get("n", 3)
        self.copy_said |= said
        return args

    def _cut_export(self) -> Request | None:
        """'export them to churn.csv' / '把他们导出到 churn.csv': a file is written by the chat's /export,
        not by a tool, so the answer says how. An export of an audience of its own ("export women in
        Shanghai") selects that audience (then /export writes it); its file name is cut out."""
        match = _EXPORT_RE.search(self.masked)
        if match is None:
            return None
        english = match.group("verb") is not None
        file = self._as_written(match, "file" if english else "file2") if match.group("file" if english else "file2") \
            else None
        dest = "dest" if english else "dest2"
        if match.group(dest):   # "to churn.csv": where, not who
            self._blank(match.start(dest), match.end(dest))
        before = self.masked
        self._blank(match.start("verb" if english else "verb2"), match.end("verb" if english else "verb2"))
        if not self._asks_for_people():
            return Request("export", args={"file": file}, lang=self.lang)
        self.masked = before
        return None

    def _names_people(self, words: str) -> bool:
        """Do ``words`` (what follows "加上" / "提到" / "add") name an audience attribute ("男性", "上海的",
        "gold members") or a population ("冻结的会员": "提到冻结的会员" asks who mentioned it) rather
        than an offer ("满300减50", "free shipping")?"""
        if _OFFER_INLINE_RE.search(words) or _OFFER_ZH_RE.match(words.strip()):
            return False   # "满300减50", "送一张咖啡券"
        tokens = tokenize(words, self.lang)
        return any(t.kind in _PEOPLE_KINDS for t in tokens) or _population_outside_tokens(words, tokens)

    def _asks_for_people(self) -> bool:
        """Does what is left of the question, once a copy change's words are cut out, name a
        population of its own: a population noun ("users", "用户"), a question word for people
        ("who", "哪些", "谁") or a condition ("complained", "注册", "in Beijing")? Then the question is
        a new data question, not a change to the last copy; "加上满300减50" or "mention free shipping"
        leave nothing of the sort."""
        tokens = tokenize(self.masked, self.lang)
        if any(t.kind in _PEOPLE_KINDS for t in tokens):
            return True
        return _population_outside_tokens(self.masked, tokens) or bool(_WHO_RE.search(self.masked))

    def _explain(self, user: re.Match) -> Request:
        """'why is u00173 tagged price_sensitive?' / '为什么u00173是价格敏感型' / 'u00173的消费特征是怎么算的':
        the stored evidence and confidence of the tags named (of a kind of tag: 消费特征, lifecycle;
        of all the user's tags when none is named)."""
        self._blank(*user.span())
        for why in _WHY_RE.finditer(self.masked):
            self._blank(*why.span())
        self.masked = self.masked.replace("_", " ")   # a tag id as written: "price_sensitive"
        tokens = tokenize(self.masked, self.lang)
        clauses, _ = Assembly(self.masked, tokens, self.lang).build()
        tags = [v for item in flattened(clauses) if item.kind in _TAG_KINDS for v in item.values]
        kind = next((group for group, (zh, en) in lx.GROUP_WORDS.items() if group in _TAG_CATEGORY
                     and re.search(lx.phrase_pattern([*zh, *en]), self.masked)), None)
        unknown = [] if tags or kind else [w for w in _leftovers(self.masked, tokens) if w not in _TAG_WORDS]
        return Request("explain", lang=self.lang, args={"user_id": self._as_written(user, 1), "tags": tags,
                                                        "category": _TAG_CATEGORY.get(kind) if not tags else None,
                                                        "unknown": unknown})

    def _cut_lookup(self) -> str | None:
        if "标签" not in self.text and "tag" not in self.text:
            return None
        for pattern in _LOOKUP_RES:
            match = pattern.search(self.masked)
            if match:
                query = self._as_written(match, 1).strip(" ?.,\"'的")
                query = re.sub(r"^(?:关于|跟|和|与)|(?:相关|有关)$", "", query).strip()
                return query
        return None

    # -- audiences --

    def _cut_dropped(self) -> set[str]:
        """'drop the city', '不限城市了', '去掉时间限制', 'forget the gold filter' (in a follow-up): the slots whose
        conditions it takes off ("time": the time windows), cut out. A condition named by its value ("forget the
        gold filter", "去掉金卡这个条件") is taken off as a negated one is (_drop_named); only the word for the
        condition itself ("filter", "这个条件") is cut here."""
        slots = set()
        for pattern in _drop_slot_res():
            for match in pattern.finditer(self.masked):
                slots.add(_SLOT_OF_WORD[squash_words(match.group("slot"))])
                self._blank(*match.span())
        if _DROP_VERB_RE.search(self.masked) or slots:
            for noun in _CONDITION_NOUN_RE.finditer(self.masked):
                self._blank(*noun.span())
        return slots

    def _cut_segment(self) -> Condition | None:
        """The segment the question names ("in segment 高价值客户", "c3 里的"), cut out, as a condition.
        An exact name wins over the lexicon's look-alike phrase (高价值客户 is no spend line)."""
        found = find_segment(self.masked, self.segments)
        if found is None:
            return None
        # A name no known segment has is never a silent empty audience: say which segments there are.
        # Without the database's segments, a discovered cluster's short id ("c3") is kept as its id
        # pattern: clusters are numbered per database, so only the database can say it has none.
        if found.segment is None and (self.all_segments or not found.key.endswith("-%")):
            raise self._no_segment(found.key)
        label = found.segment.label(self.lang) if found.segment else found.key
        if found.alias and found.segment.description:   # "高价值用户": say which definition that is
            label += ("：" if self.lang == "zh" else ": ") + found.segment.describe(self.lang)
        words = self.text[found.start:found.end]
        self._blank(found.start, found.end)
        return Condition("segment", values=[found.key], text=label, words=words)

    def _no_segment(self, key: str) -> PlanError:
        """A segment the database does not have: which ones it has, as questions to ask instead."""
        examples = {"zh": [f"{s.name_zh or s.name}里的用户有多少" for s in self.segments[:3]],
                    "en": [f"users in segment {s.name}" for s in self.segments[:3]]}
        if key.endswith("-%"):
            return PlanError(f"there is no discovered segment {key[:-2]} (`persona segments discover` finds them)",
                             reason_zh=f"没有发现的分群 {key[:-2]}（`persona segments discover` 可以发现分群）",
                             unknown=[key[:-2]], refused=True, examples=examples if self.segments else None)
        names = ", ".join(s.name for s in self.segments[:8]) or "none yet"
        if len(self.segments) > 8:
            names += f" … ({len(self.segments)})"
        if not self.all_segments:   # no database to ask: only the rule segments every build makes are known
            return PlanError(f"there is no segment named '{key}' (known without a database: the built-in {names})",
                             reason_zh=f"没有名为“{key}”的分群（没有数据库时只知道内置分群：{names}）",
                             unknown=[key], refused=True, examples=examples)
        return PlanError(f"there is no segment named '{key}' (segments: {names}; `persona segments` lists them)",
                         reason_zh=f"没有名为“{key}”的分群（现有分群：{names}；`persona segments` 可以列出）",
                         unknown=[key], refused=True, examples=examples if self.segments else None)

    def _cut_comparison(self) -> bool:
        """'compare men and women on average spend' / '对比一下男性和女性的平均消费' / 'men vs women' /
        'compare gold members with diamond members': a comparison of groups, not the compare-shopping
        intent (that is "对比过手机的用户", "compare prices": products after the verb). The comparing
        words are cut out; "vs", "with", "against" between the groups read as "or" (the groups
        compared are the values of one condition)."""
        found = False
        rest = _VERSUS_REST_RE.search(self.masked)
        if rest:   # "compare tech optimists with everyone else", "和其他用户比": the audience and the users not in it
            self._blank(rest.start(), rest.end())
            self.versus_rest = found = True
        lead = _COMPARE_RE.search(self.masked) or (_COMPARE_LEAD_RE.search(self.masked) if rest else None)
        if lead and not self._compares_things(lead.end()):
            self._blank(lead.start(), lead.end())
            for joint in _COMPARE_JOINT_RE.finditer(self.masked, lead.end()):
                self.masked = self.masked[:joint.start()] + "or".ljust(joint.end() - joint.start()) + \
                    self.masked[joint.end():]
            found = True
        for said in (_COMPARE_TAIL_RE.search(self.masked), _COMPARE_MIDDLE_RE.search(self.masked)):
            if said and (self.versus_rest or re.search(r"和|与|跟|同", self.masked[:said.start()])):
                self._blank(said.start("w"), said.end("w"))
                found = True
        for match in _VERSUS_RE.finditer(self.masked):
            self.masked = self.masked[:match.start()] + "or".ljust(match.end() - match.start()) + self.masked[match.end():]
            found = True
        self.which_more = self._cut_which_more()
        return self.which_more or found

    def _cut_which_more(self) -> bool:
        """'喜欢健身的女生多还是男生多', '北京和上海哪个多', 'more women or men among pet owners?', 'gold or
        silver, which is bigger?': which of the values named has more users. The words are cut (the
        values stay joined by 还是 / or); the answer is the count of each value."""
        spans = []
        before, after = _MORE_OR_ZH_RE.search(self.masked), _MORE_END_ZH_RE.search(self.masked)
        if before and after and before.end() <= after.start():
            spans += [before.span(), after.span()]
        for pattern in (_WHICH_MORE_ZH_RE, _MORE_OR_EN_RE, _WHICH_MORE_EN_RE, _WHICH_HAS_MORE_EN_RE):
            match = pattern.search(self.masked)
            if match and match.group(0).strip():
                spans.append(match.span())
        people = _PEOPLE_MORE_ZH_RE.search(self.masked)
        if people and re.search(lx.WHICH_GROUP_ZH, self.masked[:people.start()]):
            spans.append(people.span("w"))
        spans += self._figure_more()
        for start, end in spans:
            self._blank(start, end)
        return bool(spans)

    def _figure_more(self) -> list[tuple[int, int]]:
        """'男生和女生谁的客单价高', 'do men or women have a higher average order value': the word saying
        which figure is bigger, when it stands right after (Chinese) or before (English) a figure and
        the question asks which one (谁 / 哪 / 还是, or)."""
        tail = _FIGURE_MORE_ZH_RE.search(self.masked)
        if tail and not re.search(lx.WHICH_OF_ZH, self.masked[:tail.start()]):
            tail = None
        words = list(_FIGURE_MORE_EN_RE.finditer(self.masked)) \
            if re.search(r"(?<![a-z])or(?![a-z])", self.masked) else []
        if tail is None and not words:
            return []
        metrics = [t for t in tokenize(self.masked, self.lang) if t.kind in ("metric", "ratio")]
        # not a superlative figure's own word ("哪个月卖得最多": the most of all, a group asked for, not which of two)
        if tail and self.masked[max(tail.start() - 1, 0):tail.start()] == "最":
            tail = None
        if tail and any(_WHICH_GAP_ZH_RE.fullmatch(self.masked[t.end:tail.start()]) for t in metrics):
            # "哪边人均消费高", "哪个群体差评比例更高": the which-word before the figure asks the same
            which = [_WHICH_BEFORE_ZH_RE.search(self.masked, 0, t.start) for t in metrics]
            return [tail.span("w"), *(m.span() for m in which if m)]
        return [word.span() for word in words if any(not self.masked[word.end():t.start].strip() for t in metrics)]

    def _cut_each(self) -> bool:
        """'上海和北京分别有多少用户', '金卡和银卡会员各有多少', 'price-sensitive vs quality seekers, how many of
        each?', 'men and women respectively': a figure for each of the values named, i.e. the values
        compared (one group each). The word is cut out; with a breakdown already asked for ("每个阶段各有
        多少人") it adds nothing."""
        found = False
        for match in _EACH_RE.finditer(self.masked):
            self._blank(match.start(), match.end())
            found = True
        return found

    def _compares_things(self, end: int) -> bool:
        """After a compare verb, products ("对比手机和平板的用户", "compare prices") rather than audiences
        ("compare hikers and gold members"): the first thing compared, and the one after the joining
        word if any, are interests or aspects — not brands ("compare Huawei and Xiaomi by sales": each brand's
        figure), which the shop's brands tell (``_words``)."""
        everything = self._words()
        if any(t.kind == "metric" for t in everything) and not _DONE_RE.match(self.masked, end):
            return False   # "对比一下手机和笔记本的订单数": their figures (对比过手机的用户: the intent)
        tokens = [t for t in everything if t.start >= end]
        first = tokens[0] if tokens else None
        if first is None or first.kind not in ("interest", "aspect") or self.masked[end:first.start].strip(" 的"):
            return False
        if _PEOPLE_AFTER_RE.match(self.masked, first.end) or _people_word(self.masked[first.start:first.end],
                                                                            first.data.get("interest")):
            return False   # "compare runners and hikers", "对比跑步爱好者和徒步爱好者": people, not products
        doers = tokens[1] if len(tokens) > 1 else None
        if doers is not None and doers.kind == "verb" and doers.data.get("obj_before") \
                and not self.masked[first.end:doers.start].strip():
            return False   # "compare phone buyers and tablet buyers": the people who bought them
        joint = re.compile(r"(?<![a-z])(?:and|with|vs\.?|versus|against)(?![a-z])|和|与|跟|vs").search(self.masked, first.end)
        second = next((t for t in tokens if joint and t.start >= joint.end()), None)
        return second is None or second.kind in ("interest", "aspect")

    def _tokens(self) -> list[Token]:
        """The question's tokens, with a restaurant's 点过 and 点外卖 read against the data (meal_words.py), and a
        service's 做过 / 办过 / "had" before what was ordered (service_words.py)."""
        return read_services(read_meals(self._words(), self.masked, self.facts.data_words), self.masked)

    def _words(self) -> list[Token]:
        """The question's tokens; a word the lexicon, the brands and the stores leave over is looked up
        in the database's products and extra fields, and taken as a data word when found there. A word
        bought that is a whole product name or category of the data is that, not its interest."""
        exact: dict[str, dict] = {}

        def brands(text: str) -> list[Token]:
            return brand_tokens(text, self.facts.brands, kinds_sold(self.facts.data_words)) + store_tokens(text, self.facts.data_words.stores()) + \
                occupation_tokens(text, self.facts.data_words.occupations()) + \
                attribute_tokens(text, self.facts.data_words.attributes(), self.facts.data_words.stores() +
                                 self.facts.data_words.cities() + self.facts.data_words.occupations()) + \
                event_tokens(text, self.facts.data_words.event_types(), self.facts.data_words.event_targets()) + \
                data_tokens(text, exact, 0) + city_tokens(text, self.facts.data_words.cities()) + text_lang_tokens(text) + \
                order_time_tokens(text) + \
                rival_tokens(text, self.facts.data_words.rivals())

        tokens = tokenize(self.masked, self.lang, extra=brands)
        exact.update(bought_exactly(self.masked, tokens, self.facts.data_words, self.broadened))
        if exact:
            tokens = tokenize(self.masked, self.lang, extra=brands)
        # a country is never filler ("in the US"): said plainly that it cannot be filtered on
        countries = countries_said(self.masked, self._written(0, len(self.masked)), tokens,
                                   lambda word: bool((where := self.facts.data_words.lookup(word)) and where["product"]))
        self.field_problems = country_problems(countries, self.facts.data_words)
        self.country_words = {w for said, _ in countries for w in said.lower().split()}
        unknown = self._unknown(tokens)
        if not unknown:
            return tokens
        phrases = mentioned_phrases(self.masked, tokens, unknown, self.written)
        # a kept value the tokens cut in pieces (满100减20: 满, 100, 减, 20 left over) is looked up whole
        whole = [value for value in self.facts.data_words.values_in(self.masked) if any(w in value for w in unknown)]
        words = whole + with_neighbours(self.masked, tokens, unknown) + runs_of(self.masked, unknown)
        found = {word: where for word in words if (where := self.facts.data_words.lookup(word))}
        self.field_problems += field_problems(found)
        products = {word: where for word, where in found.items() if where["product"]}
        if not products and not phrases:
            return tokens
        return tokenize(self.masked, self.lang, extra=lambda text: brands(text) + data_tokens(text, products) + phrases)

    def _unknown(self, tokens: list[Token]) -> list[str]:
        """The words not understood, but for the countries named (said apart: country_problems); a filler
        word written in capitals is a name ("users in IT"), not the pronoun, and is not understood either."""
        unknown = _leftovers(self.masked, tokens, self.extra_filler) + self._capital_fillers(tokens)
        return [w for w in dict.fromkeys(unknown) if w not in self.country_words]

    def _capital_fillers(self, tokens: list[Token]) -> list[str]:
        written = self._written(0, len(self.masked))
        if written.upper() == written:   # the whole question in capitals says nothing of any word
            return []
        found = []
        for m in _CAPITAL_WORD_RE.finditer(written):
            word = m.group(0).lower()
            if word in _CAPITAL_NAMES and self.masked[m.start():m.end()] == word \
                    and not any(t.start < m.end() and m.start() < t.end and t.kind != "reference" for t in tokens):
                found.append(word)
        return found

    def _audience(self, history: AudienceSpec | None) -> tuple[AudienceSpec, str]:
        dropped = self._cut_dropped() if history is not None else set()
        if dropped:
            history = _without_slots(history, dropped)
        segment = self._cut_segment()
        compared = self._cut_comparison()
        each = self._cut_each()
        periods, from_history = cut_periods(self, tokenize(self.masked, self.lang), history)
        tokens = self._tokens()
        shared_noun = any(t.data.get("apart") for t in tokens)   # "新老客户": two audiences, each counted
        each = each or shared_noun
        at_spend_line(tokens, self.facts.spend_line, self.masked)
        ranked = history is not None and history.output == "rank"
        assembly = Assembly(self.masked, tokens, self.lang, rank_metric=history.metric if ranked else None,
                            rank_ascending=ranked and history.ascending, opinion=_opinion_asked_again(history, tokens))
        said, output = assembly.build()
        clauses = _without_repeats(said)
        if self.versus_rest:
            return self._versus_rest(clauses, output, history, tokens, assembly.problems), "new"
        clauses, output = _share_in_each(clauses, output)
        if periods:   # "本月和上个月的销售额对比": each period's figure
            spec = periods_spec(clauses, output, periods, history, from_history, self.lang)
            problems = assembly.problems if spec is not None else [*assembly.problems, (
                "看不出要按这两个时间段比较什么（例如“本月和上个月的销售额对比”）",
                "I could not tell what to compare across the two periods (e.g. 'compare sales this month and last month')")]
            self.compares = True
            self._raise_problems(self._unknown(tokens), problems, spec or AudienceSpec(where=clauses), spec or
                                 AudienceSpec(where=clauses))
            return spec, "new"
        if not output.get("group_by") and brands_compared(clauses, self.masked, compared):
            output = {**output, "output": "aggregate" if output.get("metric") else "breakdown", "group_by": "brand"}
            compared = False   # "华为和小米的手机销量对比一下": each brand's figure, the brands' own groups
        if compared and output.get("output") == "aggregate" and not output.get("group_by") and _kinds_bought(clauses):
            output = {**output, "group_by": "kind"}   # "compare sales of phones and tablets": the figure of each
        if output.get("group_by") in ORDER_GROUPS:
            clauses = brand_groups(clauses)
        if output.get("group_by") == "store" and self.facts.data_words.path and not self.facts.data_words.stores():
            raise PlanError("the data has no stores: no order says which store sold it (orders.store is empty), so "
                            "nothing can be counted per store", reason_zh="数据里没有门店：订单都没有记录是哪个门店卖的"
                            "（orders.store 为空），没法按门店统计", refused=True,
                            examples={"zh": ["哪个品牌卖得最好", "按城市看一下销售额"],
                                      "en": ["which brands sell the most", "sales by city"]})
        if segment is not None:
            clauses = [segment, *clauses]
        if (each or compared) and not output.get("group_by") and _compared_clause(clauses) is None:
            # "养狗的和养猫的哪个多", "喜欢露营和喜欢徒步的各有多少": the values compared, each said apart
            clauses = _each_named_apart(clauses)
            # "新客和老客各有多少": two audiences of different attributes, one figure each, is said, not ANDed
            compared = compared or len(clauses) >= 2
        if compared or (each and not output.get("group_by") and _compared_clause(clauses) is not None):
            if output.get("output") == "ratio" and _compared_clause(output.get("base", [])) is not None:
                output = {**output, "group_by": _compared_clause(output["base"])}   # "男性和女性的差评比例"
            apart = _counted_apart(clauses, output, self.masked, shared_noun)
            if apart is None:
                _refuse_same_reading(said, self._written(0, len(self.masked)))
            clauses, output = apart if apart else (clauses, _compared_output(clauses, output, self.lang))
            if output.get("output") == "ratio" and output.get("group_by"):   # each group is a base of its own
                compared = [c for c in clauses if _compared_clause([c]) is not None][:1]
                clauses = [c for c in clauses if not any(c is other for other in compared)]
                output = {**output, "base": [*output.get("base", []), *compared]}
            self.compares = True
            if self.which_more:   # "more women or men?": of the whole audience
                clauses = _without_whole_split(clauses)
        clauses, output = _monthly(clauses, output, self.masked)
        clauses = who_bought(*self._spent_on(clauses, output))
        clauses = [kind_bought(c, self.facts.data_words) for c in clauses]   # 没复购奶粉: formula, not baby food
        clauses = services_had(clauses, self.facts.data_words)   # 做过面部护理: no 面部护理次卡 bought (prepaid.py)
        corrected = any(t.kind == "replace" and t.data.get("correction") for t in tokens)
        if corrected:   # "no, men not women": the value said is wanted, the one named after "not" was the mistake
            clauses = _without_mistaken(clauses)
        problems = assembly.problems + competitor_problems(AudienceSpec(where=clauses).conditions(),
                                                          self.facts.data_words)
        unknown = self._unknown(tokens)
        if self.details:   # "complained about diapers leaking"
            unknown = with_details(clauses, unknown, self.masked)
        problems += self.field_problems or unknown_brand_hint(self.masked, unknown, tokens, self.facts.brands,
                                                               self.facts.data_words)
        problems += event_types_hint(unknown, tokens, self.facts.data_words.event_types())
        markers = {kind for kind in ("narrow", "replace", "reference", "widen") if any(t.kind == kind for t in tokens)}
        windows = [t for t in tokens if t.kind == "window" and not t.used]
        spec = own = AudienceSpec(where=clauses, lang=self.lang, **output, **_one_group(self.masked, output))
        if assembly.part_missing and not clauses:
            if history is not None and history.output == "breakdown" and history.group_by in SHARED_GROUPS \
                    and not output.get("base"):
                # "各占多少比例" after "各个会员等级分别有多少人": the same groups, each with its share
                spec = replace(history, shares=True, lang=self.lang)
                self._raise_problems(unknown, problems, spec, own)
                return spec, "reuse"
            if history is not None and history.audience():
                # "what percentage of total users is that", "占全部用户的多少": the last audience is the part
                # (of everyone, unless a base is named)
                spec = replace(spec, where=history.audience())
                self._raise_problems(unknown, problems, spec, own)
                return spec, "reuse"
            problems.append(("请说明要在这群人中统计哪一部分的占比，例如“男性用户里喜欢数码的比例”",
                             "say which part of the base to measure, e.g. 'what share of women are gold members'"))
        # "这些人里谁买过…" / "who among them…": people, whatever shape the last answer had
        asks_who = not output and bool(_WHO_RE.search(self.masked))
        mode = "new"
        if history is not None and corrected and clauses:
            mode = "replace"   # a correction swaps what it names in the audience just asked for
        elif history is not None and (dropped or continues_audience(self.masked, tokens, clauses, output)) \
                and not _shop_figure(self.masked, tokens, clauses):
            mode = _follow_up_mode(history, clauses, markers, windows, tokens)
            # nothing in the question points back ("top 5 cities"): the answer says the audience was kept
            self.elliptical = not dropped and not markers and not _REFER_BACK_RE.search(self.masked)
        figure = output.get("output") in ("aggregate", "rank")
        if mode != "new" and not dropped and not markers and (_ANYONE_ASKS_RE.match(self.masked) or figure) \
                and not _REFER_BACK_RE.search(self.masked) and self.last_empty:
            # "who started a trial?", "上个月花钱最多的前五名" right after an answer with no users: about everyone,
            # and said so (narrowing nobody would answer 0 whatever was asked)
            mode, self.elliptical, self.after_empty = "new", False, True
        if mode != "new" and self.elliptical and history.output == "rank" and _ranked_again(history, output):
            mode, self.elliptical = "new", False
        if mode == "new" and history is not None and (history.audience() or history.output == "rank") \
                and _asks_who_did(self.masked):   # "who claimed a coupon?": said to be about everyone
            self.after_empty, self.all_users = self.last_empty, not self.last_empty
        self.follows = mode != "new"
        if mode != "new":
            if mode == "replace":   # a free window re-times the previous audience
                problems = [p for p in problems if not p[1].startswith("window:")]
            every_kind = any(t.kind == "widen" and t.data["strong"] for t in tokens)
            if mode == "replace" and _bought_thing(history.where):   # 那美甲呢 after 做过面部护理的: bought too
                spec = replace(spec, where=[bought_interest(c, self.facts.data_words, self.broadened)
                                            if _bare_interest(c) else c for c in spec.where])
            spec, self.widened = _apply_follow_up(history, spec, mode, windows if mode == "replace" else [],
                                                  bool(output), people=asks_who, every_kind=every_kind,
                                                  asks_what=_asks_what(tokens))
            spec, self.split_whole = _split_of_whole(spec)
        elif "narrow" in markers and history is None and strong_narrow(tokens):
            problems.append(("还没有可以继续筛选的人群，请把条件完整地问一遍",
                             "there is no earlier audience to narrow down; ask the whole question"))
        elif history is None and any(t.kind == "widen" and not t.data["tail"] for t in tokens):
            problems.append(("还没有可以扩大的人群，请把条件完整地问一遍",
                             "there is no earlier audience to add people to; ask the whole question"))
        spec = _about_audience(spec, tokens)
        self._raise_problems(unknown, problems, spec, own)
        return spec, mode

    def _versus_rest(self, clauses: list[Clause], output: dict, history: AudienceSpec | None, tokens: list[Token],
                     problems: list) -> AudienceSpec:
        """"compare tech optimists with everyone else on average spend", after a figure "how does that compare
        with everyone else?", "和其他用户比呢": the audience (one condition, said or the last one) and everyone
        not in it, the figure of each (the last figure when none is said; else how many), side by side."""
        figure = output if output.get("output") == "aggregate" and not output.get("group_by") else {}
        if not clauses and history is not None:
            clauses = history.audience()
            figure = figure or ({"output": "aggregate", "metric": history.metric}
                                if history.output == "aggregate" and not history.group_by else {})
        if len(clauses) != 1 or not isinstance(clauses[0], Condition):
            problems = [*problems, ("和其他人对比时，请只说一个条件（例如“科技乐观派和其他用户的人均消费对比”）",
                                    "comparing with everyone else works for an audience of one condition, e.g. "
                                    "'compare tech optimists with everyone else on average spend'")]
        spec = AudienceSpec(where=[Group(items=[*clauses[:1], *(replace(c, negate=not c.negate) for c in clauses[:1])])],
                            lang=self.lang, output="counts", metric=figure.get("metric"))
        self.compares = True
        self._raise_problems(self._unknown(tokens), problems, spec, spec)
        return spec

    def _spent_on(self, clauses: list[Clause], output: dict) -> tuple[list[Clause], Condition | None]:
        """The one purchase the question's spend is on, or None: "买宠物粮花钱最多的前5个用户", "top 5 spenders on pet
        food", "在纸尿裤上消费最高的" (an interest or brand said after "on" or between 在 and 上 is bought). A figure
        counts its orders, while what was bought said as who bought only picks the audience
        ("买过宠物粮的用户里消费最高的": order_scope.who_bought)."""
        spent_on = None
        if _SPEND_ON_RE.search(self.masked):
            bought = _bought_things(clauses)
            if not bought and output.get("output") == "rank":
                said_on = [c for c in clauses if isinstance(c, Condition) and c.kind == "interest" and not c.negate
                           and len(c.values) == 1 and c.words and re.search(
                               rf"(?<![a-z])on\s+(?:the\s+)?{re.escape(c.words)}|在\s*{re.escape(c.words)}\S{{0,3}}?上",
                               self.masked)]
                brands = [c for c in clauses if isinstance(c, Condition) and c.kind == "brand" and c.action == "any"
                          and not c.negate]   # "spenders on Petkit": bought it
                if len(said_on) + len(brands) == 1:
                    said = (said_on + brands)[0]
                    bought = [replace(said, action="order") if said.kind == "brand" else
                              bought_interest(said, self.facts.data_words, self.broadened)]
                    clauses = [bought[0] if c is said else c for c in clauses]
            spent_on = bought[0] if len(bought) == 1 else None
        return clauses, spent_on

    def _raise_problems(self, unknown: list[str], problems: list[tuple[str, str]], spec: AudienceSpec,
                        own: AudienceSpec) -> None:
        """What was not understood or cannot be answered, as one error keeping what this question
        itself said (``own``; ``spec`` is the audience with a follow-up's earlier one)."""
        problems = [(zh, en.split(":", 1)[1] if en.startswith("window:") else en) for zh, en in problems]
        if not unknown and not problems:
            _refuse_contradiction(spec, self.lang)
        if unknown or problems:
            listed = ", ".join(f"'{w}'" for w in unknown)
            reason = "; ".join([en for _, en in problems] + ([f"not understood: {listed}"] if unknown else []))
            reason_zh = "；".join([zh for zh, _ in problems] + ([f"没有理解：{listed}"] if unknown else []))
            # what this question said, never the earlier audience a follow-up would have kept
            raise PlanError(reason, unknown=unknown, understood=own, reason_zh=reason_zh)


# --- repeats -------------------------------------------------------------------------------------

def _asked_occasion(text: str) -> str | None:
    """What a copy request asks the message to be, when it says: 'apology' (道歉, 安抚, sorry) before
    'reminder' (提醒, 完成结账, remind, restock, checkout)."""
    return next((occasion for occasion, pattern in _OCCASION_RES.items() if pattern.search(text)), None)


def _without_repeats(clauses: list[Clause]) -> list[Clause]:
    """A condition said twice is one ("有退货退款意向": 退货 and 退款 both name the return intent), and of
    two age ranges one inside the other the narrower says it all ("18到24岁的年轻人": 年轻人 is 18–30), so
    the answer states each condition once."""
    kept: list[Clause] = []
    seen: set[str] = set()
    for clause in clauses:
        if _reading(clause) in seen:
            continue
        seen.add(_reading(clause))
        kept.append(clause)
    ages = [c for c in kept if isinstance(c, Condition) and c.kind == "age" and not c.negate and c.range]
    wider = [c for c in ages if any(other is not c and _inside(other.range, c.range) for other in ages)]
    return [c for c in kept if not any(c is w for w in wider)]


def _reading(clause: Clause) -> str:
    """What a clause means, whatever words said it."""
    data = clause.to_dict()
    for item in [data, *data.get("items", [])]:
        item.pop("words", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _refuse_same_reading(said: list[Clause], text: str) -> None:
    """"compare sneaker buyers and boot buyers": two things compared that read as one condition (both
    bought Shoes) cannot be set side by side; said, with what they both mean, rather than one dropped."""
    def written(clause: Condition) -> str:
        span = _said_span(clause, text.lower())
        return text[span[0]:span[1]] if span else clause.words

    for index, clause in enumerate(said):
        twin = next((other for other in said[index + 1:] if _reading(other) == _reading(clause)
                     and other.to_dict().get("words") != clause.to_dict().get("words")), None)
        if twin is not None:
            one, two = written(clause), written(twin)
            raise PlanError(f"'{one}' and '{two}' read as one and the same ({clause_words(clause, 'en')}): the "
                            "data's kinds of goods do not tell them apart, so they cannot be compared",
                            reason_zh=f"“{one}”和“{two}”是同一回事（{clause_words(clause, 'zh')}）：数据里的商品类别分不出"
                                      "它们，没法对比", refused=True)


def _inside(inner: Range, outer: Range) -> bool:
    """Does every number ``inner`` allows lie in ``outer`` (and the two differ)?"""
    def low(r: Range) -> float:
        return r.gte if r.gte is not None else (r.gt + 1e-9 if r.gt is not None else float("-inf"))

    def high(r: Range) -> float:
        return r.lte if r.lte is not None else (r.lt - 1e-9 if r.lt is not None else float("inf"))

    return (low(inner), high(inner)) != (low(outer), high(outer)) and low(outer) <= low(inner) \
        and high(inner) <= high(outer)


# --- corrections ---------------------------------------------------------------------------------

def _without_mistaken(clauses: list[Clause]) -> list[Clause]:
    """A correction's 'not women' after 'men' names the mistake, not a condition: negated clauses in
    the slot of a value said plainly are dropped."""
    wanted = {_slot(c) for c in clauses if not getattr(c, "negate", False)}
    return [c for c in clauses if not (getattr(c, "negate", False) and _slot(c) in wanted)]


# --- comparisons ---------------------------------------------------------------------------------

# What a compared condition is broken down by ("men and women" -> gender)
_COMPARE_GROUPS = {"gender": "gender", "city": "city", "member_level": "member_level", "city_tier": "city_tier",
                   "lifecycle": "lifecycle", "consumption": "consumption", "interest": "interest",
                   "store": "store"}   # each store's own orders: order_scope.py


def _compared_clause(clauses: list[Clause]) -> str | None:
    """The group of the first condition that names several values of one attribute ("men and women",
    "上海和北京", "price-sensitive vs quality seekers"), or None."""
    for clause in clauses:
        items = items_of(clause)
        kinds = {item.kind for item in items}
        values = [v for item in items for v in item.values]
        if len(kinds) == 1 and len(values) >= 2 and not getattr(clause, "negate", False) \
                and next(iter(kinds)) in _COMPARE_GROUPS:
            return _COMPARE_GROUPS[next(iter(kinds))]
    return None


def _bought_things(clauses: list[Clause]) -> list[Condition]:
    """The conditions that say what was bought (a product, a brand, an interest's orders)."""
    return [c for c in clauses if isinstance(c, Condition) and not c.negate and c.min_count <= 1 and (
        c.kind == "product" or (c.kind == "brand" and c.action == "order")
        or (c.kind == "behavior" and c.action == "order" and c.targets))]


def _kinds_bought(clauses: list[Clause]) -> bool:
    """Is there one condition of orders of several kinds ("手机和平板的销售额": assemble._figure_kinds)?"""
    return any(isinstance(c, Condition) and c.kind == "behavior" and c.action == "order" and len(c.targets) >= 2
               and not c.negate for c in clauses)


def _each_named_apart(clauses: list[Clause]) -> list[Clause]:
    """"喜欢露营和喜欢徒步的各有多少": values of one attribute said as separate conditions, asked for
    each, are one condition naming them all (compared then one group each)."""
    plain = [c for c in clauses if isinstance(c, Condition) and not c.negate and c.kind in _COMPARE_GROUPS]
    for kind in dict.fromkeys(c.kind for c in plain):
        same = [c for c in plain if c.kind == kind]
        if len(same) >= 2:
            merged = replace(same[0], values=list(dict.fromkeys(v for c in same for v in c.values)),
                             words=" / ".join(c.words for c in same))
            return [merged if c is same[0] else c for c in clauses if not any(c is other for other in same[1:])]
    return clauses


# Every value of an attribute: asking which of them all has more users selects no one ("more women or
# men?" splits the whole audience, users of unknown gender included, and a follow-up keeps the audience
# without a gender filter); "compare men and women" and "男女各多少" keep to the values named
_ALL_VALUES = {"gender": {"female", "male"}}


def _without_whole_split(clauses: list[Clause]) -> list[Clause]:
    def whole(clause: Clause) -> bool:
        items = items_of(clause)
        kinds = {item.kind for item in items}
        return (len(kinds) == 1 and not getattr(clause, "negate", False) and not any(i.negate for i in items)
                and {v for i in items for v in i.values} == _ALL_VALUES.get(next(iter(kinds)), ()))
    return [clause for clause in clauses if not whole(clause)]


def _counted_apart(clauses: list[Clause], output: dict, text: str,
                   shared_noun: bool = False) -> tuple[list[Clause], dict] | None:
    """"新客和老客各有多少", "new customers vs returning customers, how many of each": audiences of different
    attributes, how many each: one part per condition, counted side by side (output counts). Conditions
    said before the parts hold for each of them ("上海的新客和老客各有多少": the counts are within
    Shanghai), and so do those said after parts that share one noun ("new and returning customers in
    Shanghai"). None when the question asks for more than a count of each, is a comparison of one
    attribute's values (a breakdown: _compared_output), or a part is more than one condition ("gold members
    vs women in Beijing": not every two conditions are joined by 和 / and / vs …)."""
    if _compared_clause(clauses) is not None or output.get("group_by") or \
            output.get("output", "list") not in ("count", "list", "aggregate"):
        return None
    items = [(clause, item) for clause in clauses for item in items_of(clause)]
    spans = [_said_span(item, text) for _, item in items]
    if len(items) < 2 or None in spans:
        return None
    run = _joined_run(sorted(range(len(items)), key=lambda i: spans[i]), spans, text, shared_noun)
    first, last = spans[run[0]][0], spans[run[-1]][1]
    shared: list[Clause] = []
    for index, (clause, item) in enumerate(items):
        if index in run:
            if isinstance(clause, Group) and (clause.negate or clause.op != "or"):
                return None
        elif isinstance(clause, Group) or not (spans[index][1] <= first or (shared_noun and spans[index][0] >= last)):
            return None
        else:
            shared.append(clause)
    parts = [items[i][1] for i in sorted(run)]
    # "compare hikers and gold members on average spend": the figure of each (a count when none is asked)
    return ([*shared, Group(items=parts)], {**output, "output": "counts"}) if len(parts) >= 2 else None


_PART_JOINT_RE = re.compile(r"和|与|跟|及|、|还有|(?<![a-z])(?:and|or|vs\.?|versus|with)(?![a-z])")


def _said_span(item: Condition, text: str) -> tuple[int, int] | None:
    """Where a condition is said: its words may be put together from pieces ("买过 平板", "buyers tablet"),
    each taken where it stands nearest to the piece said least often."""
    pieces = item.words.split() if item.words else []
    found = {piece: [m.start() for m in re.finditer(re.escape(piece), text)] for piece in pieces}
    if not pieces or not all(found.values()):
        return None
    anchor = found[min(pieces, key=lambda piece: (len(found[piece]), -len(piece)))][0]
    starts = [(min(found[piece], key=lambda start: abs(start - anchor)), piece) for piece in pieces]
    return min(start for start, _ in starts), max(start + len(piece) for start, piece in starts)


def _joined_run(order: list[int], spans: list[tuple[int, int]], text: str, shared_noun: bool) -> list[int]:
    """The longest run of conditions (indexes, in the order said) with a joining word between every two
    (or nothing, when they share one noun: "新老客户")."""
    best: list[int] = []
    run: list[int] = []
    for index in order:
        gap = text[spans[run[-1]][1]:spans[index][0]] if run else ""
        joined = bool(run) and (_PART_JOINT_RE.search(gap) is not None or (shared_noun and not gap.strip()))
        run = [*run, index] if joined else [index]
        best = run if len(run) > len(best) else best
    return best


def _compared_output(clauses: list[Clause], output: dict, lang: str) -> dict:
    """A comparison is the figure (or the count) per group of the compared condition: "compare men and
    women on average spend" = average spend by gender, among men and women. A figure of two audiences that
    are not values of one condition is not set side by side (their counts are: _counted_apart): that is
    said, not guessed."""
    group = _compared_clause(clauses)
    if group is not None:
        if output.get("output") in ("aggregate", "ratio"):   # a ratio: the share within each group (its base)
            return {**output, "group_by": group}
        if output.get("output") == "rank" and not output.get("group_by"):
            # "compare men and women by average order value": the figure a ranking was read from, per group
            return {key: value for key, value in output.items() if key not in ("top", "ascending")} | \
                {"output": "aggregate", "group_by": group}
        return {**output, "output": "breakdown", "group_by": group, "metric": None}
    if output.get("group_by"):   # "哪个城市的金卡会员更多": the groups asked for are what is compared
        return output
    raise PlanError(
        "comparing a figure side by side works for audiences of one condition each (men and women, hikers and gold "
        "members, one audience and everyone else); an audience of several conditions (\"women in Beijing\") can be "
        "asked for on its own",
        reason_zh="对比指标时，每一方只能是一个条件的人群（男性和女性、喜欢徒步的和金卡会员、某个人群和其他用户）；"
                  "几个条件合成的人群（“北京的女性”）可以单独提问",
        refused=True,
        examples={"zh": ["对比一下男性和女性的平均消费", "喜欢徒步的和金卡会员的人均消费对比", "按性别的人均消费"],
                  "en": ["compare men and women on average spend", "compare hikers and gold members on average spend",
                         "average spend by gender"]})


# The condition kind each group of users is a value of
_GROUP_KINDS = {"city": "city", "gender": "gender", "member_level": "member_level", "city_tier": "city_tier",
                "lifecycle": "lifecycle", "consumption": "consumption", "age_band": "age"}


def _share_in_each(clauses: list[Clause], output: dict) -> tuple[list[Clause], dict]:
    """"北京和上海哪个城市女性占比更高", "各城市的女性占比": with something else to measure, a share per group is that
    share within each group (the group's values said are its base); "各会员等级的用户占比" stays each group's share."""
    kind = _GROUP_KINDS.get(output.get("group_by") or "")
    if not output.get("shares") or kind is None:
        return clauses, output
    base = [c for c in clauses if isinstance(c, Condition) and c.kind == kind and not c.negate]
    part = [c for c in clauses if not any(c is b for b in base)]
    if not part:
        return clauses, output
    shared = {key: value for key, value in output.items() if key not in ("shares", "output")}
    return part, {**shared, "output": "ratio", "base": base}


_SIGNUPS_RE = re.compile(r"新增|注册|新用户|新客|(?<![a-z])(?:sign[\s-]?ups?|registrations?|registered|new\s+(?:users|"
                         r"customers|members))(?![a-z])")


def _monthly(clauses: list[Clause], output: dict, text: str) -> tuple[list[Clause], dict]:
    """Users per month: "how many users registered each month this year", "每月新增用户有多少" are the months they
    registered in (a new user per month is one registered in it); "monthly order count for 2026" the orders of
    each month inside the window said (the orders placed in it, counted)."""
    if output.get("group_by") != "month" or output.get("metric") is not None:
        return clauses, output
    new = [c for c in clauses if isinstance(c, Condition) and not c.negate and
           (c.kind == "registered" or (c.kind == "lifecycle" and c.values == ["new"]))]
    if new or _SIGNUPS_RE.search(text):   # the registration month: 新增 is no stage here
        return [c for c in clauses if not (isinstance(c, Condition) and c.kind == "lifecycle" and c in new)], \
            {**output, "group_by": "registered_month"}
    placed = [c for c in clauses if isinstance(c, Condition) and c.kind == "behavior" and c.action == "order"
              and not c.negate and not c.targets and c.window is not None and c.min_count <= 1]
    if len(placed) == 1:   # "monthly order count for 2026": the orders of 2026, each month's
        return [c for c in clauses if c is not placed[0]], \
            {**output, "output": "aggregate", "metric": Metric("order_count", "sum", placed[0].window)}
    return clauses, output


# --- follow-ups -----------------------------------------------------------------------------------

def continues_audience(text: str, tokens: list[Token], clauses: list[Clause], output: dict) -> bool:
    """Does this question go on with the conversation's audience, or start a fresh one? The one rule
    (docs/questions.md, "Follow-ups"), in order:

    1. It refers back: continues. A reference ("those users", "这些人", "that segment"), a pronoun,
       also inside other phrases ("rank them", "their cities", "他们", "这批", "那些用户"), a narrowing
       word ("of those", "among them", "only", "其中", "只看", "只要", "再加上"), a replacing one
       ("what about", "instead", "换成", "…呢"), an opening "exclude / 去掉", or a count that opens
       the question with no subject of its own ("how many are guys?", "how many have churn risk?",
       "有多少是女生"): of the audience just shown. So does a word that adds people ("也加上",
       "再加上", "also include", "add": _widen).
       An opening "and / now / ok / so / 那 / 还有" (after "好的", "ok" maybe) continues too, unless the
       question names a population of its own: all users ("好的，那所有用户按城市分布"), or, after
       "ok / so / now / then", a population noun outside its conditions ("ok, now users in Beijing",
       "so, customers who bought a drone"; but "now show me the men", "and users in Beijing?" go on).
       A question that only asks whether anyone has something, or a short one asking who is, wants or
       thinks something ("有没有人想退款", "谁在比价", "who's at churn risk?"), continues too; a short one
       asking who DID something ("who claimed a coupon?", "谁买过钢笔礼盒": the shop's records) does not.
    2. Otherwise, a question with conditions of its own starts fresh ("how many users live in
       Beijing", "有多少用户喜欢健身").
    3. Without conditions, a question that names its own population starts fresh: a population noun
       ("top 5 cities by number of users", "how many users are there", "有多少用户") or a figure per
       group ("average order amount by member level", "各城市的平均客单价"): it is complete in itself.
    4. What is left is elliptical, with no subject of its own, and continues: "按城市分一下",
       "by city?", "how many?", "一共多少人", "人均消费", "平均年龄呢".

    Copy and save requests without an audience of their own always act on the previous one
    (``_Reader._with_audience``).
    """
    opener = next((t for t in tokens if t.kind == "replace" and t.data.get("opener")), None)
    adds = any(t.kind == "widen" and not t.data["tail"] for t in tokens)
    # what follows a mention word is what was said ("who mentioned freezing their card"): no reference
    said_end = next((t.start for t in tokens if t.kind == "polarity" and squash_words(text[t.start:t.end])
                     in MENTION_WORDS), len(text))
    if _THOSE_WHO_RE.match(text):   # "those who never created a project"
        return True
    own = _OWN_PEOPLE_RE.match(text)   # "users who want to cancel their subscription": their own
    said_end = min(said_end, own.end()) if own else said_end
    referring = [t for t in tokens if t.start < said_end]
    if (adds or any(t.kind in ("narrow", "replace") and t is not opener for t in tokens)
            or strong_reference(referring) or _REFER_BACK_RE.search(text[:said_end]) or _excludes(tokens)
            or _ELLIPTIC_COUNT_RE.search(text)):
        return True
    if _excludes(tokens, excepting=True) and not _population_outside_tokens(text, tokens):
        return True   # "除了上海的", "apart from Shanghai?": a fragment (but "除了北京以外的用户有多少" is whole)
    if _asks_who_among(text, tokens, said_end):
        return True   # "有没有人想退款", "anyone want a refund?", "谁在比价": anyone of the people just shown
    if opener is not None:
        return not _names_own_population(text, tokens, opener)
    if clauses:
        return False
    if output.get("metric") and output.get("group_by"):
        return False
    if _global_breakdown(text, tokens):
        return False
    # group and figure phrases may hold a noun that names no population ("by member level", "per user")
    said = list(text)
    for token in tokens:
        if token.kind == "metric" or (token.kind == "output" and ("group_by" in token.data or "columns" in token.data)):
            said[token.start:token.end] = " " * token.length
    return not _POPULATION_RE.search("".join(said))


def _asks_who_among(text: str, tokens: list[Token], said_end: int) -> bool:
    """A question that only asks whether anyone has something, or a short one asking who is, wants or thinks
    something, with no population of its own: about the people just shown ("有没有人想退款", "谁在比价", "who's
    at churn risk?"). Not one asking who did something ("who cancelled a booking?", "谁买过无人机": the shop's
    records, looked up among all users: :func:`_asks_who_did`), nor "our" ("who are our big spenders?")."""
    return bool(_ANYONE_ASKS_RE.match(text)) and said_end == len(text) and not _asks_who_did(text) \
        and not _population_outside_tokens(text, tokens) and not _OUR_RE.search(text)


def _asks_who_did(text: str) -> bool:
    """A short question asking who did something, a past action the shop's records hold ("who claimed a
    coupon?", "谁投诉过价格"): about all users, not the audience just shown."""
    return bool(_ANYONE_ASKS_RE.match(text) and _WHO_DID_RE.match(text))


def _shop_figure(text: str, tokens: list[Token], clauses: list[Clause]) -> bool:
    """A figure of the whole shop ("上个月的销售额", "GMV last month", "一共多少订单") with nothing of its own and
    no word pointing back (他们, 其中, their, of those): after a ranking of users it is the shop's, not the
    ranked users' (who bought little or nothing last month); "他们上个月的销售额" stays with them."""
    if clauses or _REFER_BACK_RE.search(text) or any(t.kind in ("reference", "narrow", "widen") for t in tokens):
        return False
    whole = bool(_WHOLE_SHOP_RE.search(text))   # "整体客单价", "overall AOV": everyone's, whatever the figure
    return any(t.kind == "metric" and (whole or _SHOP_FIGURE_RE.search(squash_words(text[t.start:t.end])) or
                                       (t.data["metric"], t.data["agg"]) == ("order_count", "sum")) for t in tokens)


_WHOLE_SHOP_RE = re.compile(r"整体|总体|全店|(?<![a-z])(?:overall|store-wide|shop-wide|storewide)(?![a-z])")
# a shop figure said with its aggregate word: 总销售额, "overall revenue", "total sales"
_SHOP_FIGURE_RE = re.compile("|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in lx.SHOP_FIGURE_WORDS))


def _one_group(text: str, output: dict) -> dict:
    """A breakdown or a figure per group asked for its largest or smallest group ("哪个月的销售额最高",
    "用户最多的城市", "which city has the fewest users"): ``one`` (the answer names it first), ``ascending``
    for the smallest. Groups listed in their own order (city tiers, age bands) and a "top N" are left alone."""
    if output.get("output") not in ("breakdown", "aggregate") or output.get("group_by") in (None, "city_tier", "age_band") \
            or output.get("top"):
        return {}
    high, low = _GROUP_HIGH_RE.search(text), _GROUP_LOW_RE.search(text)
    if not (high or low):
        return {}
    return {"one": not _GROUPS_MANY_RE.search(text), "ascending": bool(low and not high)}


_GROUP_HIGH_RE = re.compile(lx.GROUP_HIGH)
_GROUP_LOW_RE = re.compile(lx.GROUP_LOW)
_GROUPS_MANY_RE = re.compile(lx.GROUPS_MANY)


def _global_breakdown(text: str, tokens: list[Token]) -> bool:
    """Every group's own headcount: "各个分群的人数", "每个城市的用户数", "segment sizes", "how big is each
    segment". It asks about the groups themselves, so it is complete in itself (rule 3); "按城市分一下",
    "各城市分布呢", "by city?" stay elliptical."""
    each = [t for t in tokens if t.kind == "output" and t.data.get("group_by") and t.data.get("each")]
    if any(t.data.get("sizes") for t in each):
        return True
    return bool(each) and any(t.kind == "output" and t.data.get("output") == "count"
                              and text[t.start:t.end].strip() in lx.HEADCOUNT_NOUNS for t in tokens)


def _names_own_population(text: str, tokens: list[Token], opener: Token) -> bool:
    """After an opening "ok / so / now": does the question name a population of its own ("ok users who
    love hiking", "now how many users do we have")? After "and / 那 / 还有" only "all users" does
    ("ok 那全部用户按城市分布"): "and users in Beijing?" swaps the city of the audience."""
    if _ALL_USERS_RE.search(text):
        return True
    if opener.data["opener"] not in lx.FRESH_OPENERS:
        return False
    return _population_outside_tokens(text, tokens)


def _population_outside_tokens(text: str, tokens: list[Token]) -> bool:
    """A population noun of the question's own, not one inside a condition ("gold members")."""
    said = list(text)
    for token in tokens:
        said[token.start:token.end] = " " * token.length
    return bool(_POPULATION_RE.search("".join(said)))


def _opinion_asked_again(history: AudienceSpec | None, tokens: list[Token]) -> str | None:
    """The polarity of the last question's opinion when this one swaps its aspect ("那对质量呢",
    "what about quality?": a replace marker, an aspect, and no opinion word of its own), else None."""
    if history is None or not any(t.kind == "replace" for t in tokens) or \
            not any(t.kind == "aspect" for t in tokens) or any(t.kind in ("polarity", "polar") for t in tokens):
        return None
    said = [c.polarity for c in history.conditions() if c.kind == "aspect" and c.polarity and not c.negate]
    return said[-1] if said else None


def _follow_up_mode(history, clauses, markers, windows, tokens) -> str:
    """narrow | widen | replace | reuse: how a question that continues the audience changes it (the
    question continues it: :func:`continues_audience`); new when a window has nothing to re-time."""
    if not clauses:
        if windows:  # "what about the last 7 days?" needs something in the window
            timed_metric = history.metric is not None and history.metric.name != "age"
            return "replace" if timed_metric or any(c.kind in TIMED_KINDS for c in history.conditions()) else "new"
        return "reuse"
    if "widen" in markers:
        return "widen"   # "男性也加上", "also include Beijing"
    if "narrow" in markers and (strong_narrow(tokens) or "replace" not in markers):
        return "narrow"
    if _excludes(tokens, excepting=True):
        return "narrow"   # "去掉上海的" / "exclude those in tier-1 cities" / "除了上海的呢"
    if "replace" in markers:
        return "replace"
    return "narrow"   # "do they like hiking?", "那些用户里的女性"


def _excludes(tokens: list[Token], excepting: bool = False) -> bool:
    """Does the question take people out of an audience: an exclusion opening it, after an opener or a
    polite request ("去掉上海的", "能不能不要上海的", "and drop shanghai", "can you remove the men"), or
    one closing it ("把上海的去掉", "上海的除外")? With ``excepting`` an opening "除了 / apart from" counts
    too (it does not make a question go on, but when it does, it takes out: "除了上海的呢")."""
    first = next((t for t in tokens if t.kind != "filler" and not (t.kind == "replace" and t.data.get("opener"))),
                 None)
    if first is not None and first.kind == "neg" and (first.data.get("exclude") or
                                                      (excepting and first.data.get("except"))):
        return True
    return any(t.kind == "neg_after" and t.data.get("exclude") for t in tokens)


def _apply_follow_up(history: AudienceSpec, spec: AudienceSpec, mode: str, windows: list[Token],
                     has_output: bool, people: bool = False, every_kind: bool = False, asks_what: bool = False
                     ) -> tuple[AudienceSpec, list[Clause]]:
    """The audience (and output) a follow-up asks for, and the clauses it widened the audience with
    (``every_kind``: an explicit "also include" / "也加上" widens any condition, _widen)."""
    previous = AudienceSpec.from_dict(history.to_dict())   # a deep copy
    widened: list[Clause] = []
    if previous.output != "ratio" and mode == "widen":
        # "add men too" after women, "再加上北京的" after 上海: the value joins its condition
        where, widened = _widen(previous.where, spec.where, every_kind)
        if widened:
            previous, spec = replace(previous, where=where), replace(spec, where=[])
    if mode == "widen" and not widened:
        mode = "narrow"   # "also include hiking fans" after women: a condition of its own narrows
    return _followed(previous, spec, mode, windows, has_output, people, asks_what), widened


def _widen(old: list[Clause], new: list[Clause], every_kind: bool) -> tuple[list[Clause], list[Clause]]:
    """The audience with each new value joined to the audience's condition in the same place (女性 + 男性 ->
    女性或男性; 上海 + 一线城市 -> 上海 or tier 1), and the clauses that widened it; a new condition of its own
    is added (all must hold). Only single-valued conditions widen unless ``every_kind`` (an explicit
    "也加上" / "also include": 露营 + 徒步 -> either)."""
    where, widened = list(old), []
    for clause in new:
        joins = isinstance(clause, Condition) and not clause.negate and (every_kind or clause.kind in SINGLE_VALUED)
        at = next((i for i, c in enumerate(where) if joins and not getattr(c, "negate", False)
                   and _slot(c) == _slot(clause)), None)
        if at is not None:
            where[at] = _joined(where[at], clause)
            widened.append(clause)
        elif _same(clause) not in {_same(c) for c in where}:
            where.append(clause)
    return where, widened


def _joined(old: Clause, new: Condition) -> Clause:
    """``old`` or ``new``: one condition with both values when they differ only in their values."""
    if isinstance(old, Condition) and _same(replace(old, values=new.values)) == _same(new):
        return replace(old, values=list(dict.fromkeys([*old.values, *new.values])), words=f"{old.words} / {new.words}")
    return Group(items=[*items_of(old), new])


def _followed(previous: AudienceSpec, spec: AudienceSpec, mode: str, windows: list[Token],
              has_output: bool, people: bool, asks_what: bool = False) -> AudienceSpec:
    window = windows[-1].data["window"] if windows else None
    if "opinion" in previous.columns:
        # what the audience said of an aspect ("对价格评价怎么样") is a view of it, not a narrower audience: the
        # next follow-up ("有没有人想退款", "觉得物流怎么样") is about the same people as the opinion question
        previous = replace(previous, where=[c for c in previous.where if not _asked_opinion(c)], columns=[])
    if mode in ("narrow", "replace") and previous.output != "ratio":
        previous, spec = _drop_named(previous, spec)
    if has_output and spec.output == "ratio":
        # "其中女性占多少" / "what share of them are women": the previous audience is the base
        old = previous.audience()
        base = _replace_slots(old, spec.base) if mode == "replace" else old + spec.base
        return replace(spec, base=base)
    if previous.output == "ratio" and not has_output and mode == "replace":
        # "那女性呢" after a ratio: a new value replaces its own slot, in the base or in the part
        base_slots = {_slot(clause) for clause in previous.base}
        base = _replace_slots(previous.base, [c for c in spec.where if _slot(c) in base_slots])
        where = _replace_slots(previous.where, [c for c in spec.where if _slot(c) not in base_slots])
        _retime([*base, *where], window, spec)
        return replace(previous, base=base, where=where, lang=spec.lang)
    old = previous.audience()
    if previous.output == "rank" and mode in ("narrow", "reuse") and not (has_output and spec.output == "rank"):
        # "which of them are dormant?", "按城市分一下" after "top 10 spenders": the users ranked, not everyone
        # the ranking was over ("in Beijing instead", "add Beijing", "now the top 5" rank again)
        old = [_ranked(previous)]
    if mode == "reuse":
        where = old
    elif mode == "narrow":   # "只要女性" after women: said once
        where = old + [clause for clause in spec.where if _same(clause) not in {_same(c) for c in old}]
    else:
        where = _replace_slots(old, spec.where)
        _retime(where, window, spec)
    if has_output and spec.output == "breakdown" and previous.output == "aggregate" and mode == "reuse" \
            and not asks_what:
        return replace(spec, where=where, output="aggregate", metric=previous.metric)   # "按城市呢": the figure per city
    if has_output:
        return replace(spec, where=where)
    if people:   # "这些人里谁…": a list of the people, not the last answer's figure or groups
        return replace(spec, where=where, output="list", group_by=None, top=None, metric=None)
    if previous.output == "aggregate" and mode != "reuse":
        # "of those, only women" / "what about the last 7 days?": the same figure for the new audience
        metric = previous.metric
        if window is not None and mode == "replace" and metric.name != "age":
            metric.window = window
        return replace(spec, where=where, output="aggregate", metric=metric, group_by=previous.group_by,
                       top=previous.top)
    if mode == "narrow" or (mode == "reuse" and previous.output in ("breakdown", "aggregate", "ratio")):
        return replace(spec, where=where, output="list", group_by=None, top=None)
    return replace(spec, where=where, output=previous.output, group_by=previous.group_by, top=previous.top,
                   metric=previous.metric, ascending=previous.ascending)   # "in Beijing instead": the same ranking


def _ranked_again(ranking: AudienceSpec, output: dict) -> bool:
    """After a ranking, with nothing pointing back: another ranking ("消费最高的前5名" after the top 3 at a
    store) or the figure it ranked by ("average spend per customer?" after the top spenders; the ranking
    showed theirs) is the shop's, as _shop_figure; "平均年龄" is the ranked users'."""
    if output.get("output") == "rank":
        return True
    metric = output.get("metric")
    return output.get("output") == "aggregate" and metric is not None and ranking.metric is not None \
        and metric.name == ranking.metric.name


def _bought_thing(where: list[Clause]) -> bool:
    """Does the audience hold something bought (a product of the data, a bought interest or brand)?"""
    return any(isinstance(c, Condition) and not c.negate and (c.kind == "product" or (
        c.kind in ("behavior", "brand") and c.action == "order" and (c.targets or c.values))) for c in where)


def _bare_interest(clause: Clause) -> bool:
    return isinstance(clause, Condition) and clause.kind == "interest" and not clause.negate and len(clause.values) == 1


def _split_of_whole(spec: AudienceSpec) -> tuple[AudienceSpec, list[Clause]]:
    """"男女比例" after "其中女性": a gender split of an audience of one gender has one group; it is the split
    of the audience without that condition, and the clauses taken away (for the answer to say). (A split
    asks for both genders; "by city?" after 上海 keeps the one city: a city's own count is a fair answer.)"""
    fixed = [c for c in spec.where if isinstance(c, Condition) and c.kind == "gender" and not c.negate
             and len(c.values) == 1]
    if spec.output != "breakdown" or spec.group_by != "gender" or not fixed:
        return spec, []
    return replace(spec, where=[c for c in spec.where if not any(c is f for f in fixed)]), fixed


def _asked_opinion(clause: Clause) -> bool:
    """An aspect anyone talked about, which is what an opinion question adds to its audience."""
    return isinstance(clause, Condition) and clause.kind == "aspect" and clause.polarity is None and not clause.negate


def _ranked(ranking: AudienceSpec) -> Condition:
    """The users a ranking listed, as a condition of a follow-up's audience."""
    return Condition("ranked", ranking=ranking.to_dict(), words=describe(ranking, ranking.lang))


def _drop_named(previous: AudienceSpec, spec: AudienceSpec) -> tuple[AudienceSpec, AudienceSpec]:
    """A follow-up that negates a condition of the audience takes that condition away instead of
    contradicting it: "不要上海的了，改成北京", "不要金卡了，要白金", "不对，我是说女性，不是上海的",
    "not in Shanghai" after Shanghai. (Negating something the audience does not say still narrows it:
    "去掉上海的" after tier-1 cities.)"""
    said = {_same(clause) for clause in previous.where}
    named = [c for c in spec.where if getattr(c, "negate", False) and _same(replace(c, negate=False)) in said]
    if not named:
        return previous, spec
    gone = {_same(replace(c, negate=False)) for c in named}
    kept = [c for c in previous.where if _same(c) not in gone]
    return replace(previous, where=kept), replace(spec, where=[c for c in spec.where if not any(c is n for n in named)])


def _refuse_contradiction(spec: AudienceSpec, lang: str) -> None:
    """An audience that asks for a condition and its opposite (城市：上海 and not 上海), or two values of
    an attribute a user has only one of (上海 and 北京), has nobody by construction: it is said, never run."""
    plain = [c for c in spec.where if isinstance(c, Condition)]
    for index, first in enumerate(plain):
        for second in plain[index + 1:]:
            opposite = first.negate != second.negate and _same(replace(first, negate=False)) == \
                _same(replace(second, negate=False))
            exclusive = (first.kind == second.kind and first.kind in SINGLE_VALUED and not first.negate
                         and not second.negate and not set(first.values) & set(second.values))
            if opposite or exclusive:
                words = describe(AudienceSpec(where=[first, second], lang=lang), lang)
                raise PlanError(f"these conditions contradict each other ({words}), so no user can match; "
                                "say which one you want",
                                reason_zh=f"这些条件互相矛盾（{words}），不会有用户符合；请说明要哪一个",
                                understood=spec, refused=True)


def _retime(clauses: list[Clause], window, spec: AudienceSpec) -> None:
    """A free window ("what about the last 7 days?") re-times the earlier timed conditions."""
    if window is None:
        return
    for condition in flattened(clauses):
        if condition.kind in TIMED_KINDS and not any(condition is c for c in spec.conditions()):
            condition.window = window


def _same(clause: Clause) -> str:
    """What a clause means, without the words it was said with."""
    data = clause.to_dict()
    for item in data.get("items", [data]):
        item.pop("words", None)
    return repr(data)


def _slot(clause: Clause) -> str:
    first = clause.items[0] if isinstance(clause, Group) else clause
    return SLOTS.get(first.kind, first.kind)


def _replace_slots(old: list[Clause], new: list[Clause]) -> list[Clause]:
    new_slots = {_slot(clause) for clause in new}
    kept = [clause for clause in old if _slot(clause) not in new_slots]
    return kept + new


# --- leftovers ---------------------------------------------------------------------------------

def _leftovers(text: str, tokens: list[Token], extra_filler: re.Pattern | None = None) -> list[str]:
    """Words no token consumed and that are not filler: the parts the planner did not understand.
    ``extra_filler`` matches words that carry nothing in this kind of request ("换成", "make it")."""
    chars = list(text)
    spans = [(t.start, t.end) for t in tokens]
    # who's, they're, and after a word a token took ("each city's")
    spans += [m.span() for m in re.finditer(r"(?<=[a-z])'(?:s|re|ve|ll|d|m)(?![a-z])", text)]
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    for start, end in standalone_pleasantries("".join(chars)):   # "…, hello" / "… 谢谢 …": filler anywhere
        chars[start:end] = " " * (end - start)
    rest = "".join(chars)
    unknown = []
    for chunk in re.split(r"[\s,.;:!?()\[\]\"'~、·…]+", rest):
        if not chunk:
            continue
        for piece in _split_scripts(chunk):
            if lx.CJK_RE.search(piece):
                rest = _FILLER_ZH_RE.sub("", piece)
                rest = extra_filler.sub("", rest) if extra_filler else rest
                if rest.strip("-_/+*&%#@=$^ "):
                    unknown += _unknown_chinese_words(piece)
            else:
                # "baby-product buyers": a filler word joined by a hyphen is filler still
                word = re.sub(r"'s$", "", piece).strip("-")
                if extra_filler and extra_filler.fullmatch(word):
                    continue
                if word and word not in FILLER_EN_WORDS and word.strip("-_/+*&%#@=$^<>"):
                    unknown.append(word)
    return list(dict.fromkeys(unknown))


def _unknown_chinese_words(piece: str) -> list[str]:
    """The words of a leftover Chinese run that are not filler, neighbours kept together
    ("用户是通过" -> ["通过"], "星座是天蝎座" -> ["星座", "天蝎座"]). jieba segments it; it loads
    only here, when a question was not understood."""
    from tools.analyzers.text import tokenize as segment

    phrases, current = [], ""
    for token in segment(piece):
        if token.kind == "han" and token.text not in _FILLER_ZH_WORDS:
            current += token.text
        elif current:
            phrases.append(current)
            current = ""
    if current:
        phrases.append(current)
    return phrases or [_FILLER_ZH_RE.sub("", piece)]


def _split_scripts(chunk: str) -> list[str]:
    """'上海users' -> ['上海', 'users']: Chinese and latin runs are judged separately."""
    return [m.group(0) for m in re.finditer(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", chunk)]


# --- look-alikes ------------------------------------------------------------------------------------

def _lookalike_error(user: str) -> PlanError:
    """'users similar to u00173': no similarity search; say so, and how to get there by traits."""
    return PlanError(
        f"finding users similar to {user} (a look-alike audience) is not supported; look at {user}'s profile "
        "and ask for users with the traits that matter",
        reason_zh=f"暂不支持查找和 {user} 相似的用户（相似人群扩展）；可以先看 {user} 的画像，再按关心的特征找人",
        unknown=[user], refused=True,
        examples={"zh": [f"看看 {user} 的画像"], "en": [f"show me the profile of {user}"]})   # + one by traits


def _product_ranking_error(words: str) -> PlanError:
    """'which products get the most complaints?': the planner selects users; it does not rank products."""
    return PlanError(
        f"I can't rank products or brands yet ('{words}'); I can find the users who complained, bought or "
        "mentioned a product or brand",
        reason_zh=f"暂时还不能给商品或品牌排名（“{words}”）；可以找出投诉过、买过或提到某个商品或品牌的用户",
        unknown=[words], refused=True,
        examples={"zh": ["对质量不满的用户", "买过始祖鸟的用户", "提到冲锋衣的用户"],
                  "en": ["users who complained about quality", "users who bought Salomon",
                         "users who mentioned tents"]})


@lru_cache(maxsize=1)
def _staff_rank_re() -> re.Pattern:
    """'哪个教练被投诉最多', 'which coach gets the most complaints', '最受欢迎的老师': a ranking of the people
    who serve (the service words and the occupations that are staff too: 老师, 销售)."""
    words = [*service_words(), *lx.STAFF_OCCUPATIONS]
    zh = lx.phrase_pattern([w for w in words if not w.isascii()])
    en = lx.phrase_pattern([w for w in words if w.isascii()])
    return re.compile(
        rf"(?:哪个|哪位|哪一个|哪一位|哪些|哪几个|哪几位)\s*(?:{zh})[^？?]*(?:最[多少好差高低]?|排名|排行)"
        rf"|(?:最多|最少|最好|最差|最高|最低|最受欢迎|最不受欢迎)的\s*(?:{zh})|(?:{zh})\s*(?:排名|排行)"
        rf"|(?<![a-z])(?:which|what)\s+(?:\w+\s+)?(?:{en})(?![a-z])[^?]*(?:most|least|best|worst|highest|lowest|top)"
        rf"|(?<![a-z])(?:(?:most|least)\s+(?:popular|liked|praised|complained[- ]about)|(?:best|worst|top)(?:[- ]rated)?)"
        rf"\s+(?:{en})(?![a-z])"
        rf"|(?<![a-z])rank(?:ing|ed)?\s+(?:of\s+)?(?:the\s+|our\s+)?(?:{en})(?![a-z])")


def _staff_ranking(text: str) -> str | None:
    match = _staff_rank_re().search(text)
    return match.group(0).strip() if match else None


def _staff_ranking_error(words: str) -> PlanError:
    """'哪个教练被投诉最多': profiles describe customers; which employee a text is about is not kept."""
    return PlanError(
        f"I can't rank staff ('{words}'): profiles describe customers, and which coach or employee a review is "
        "about is not recorded; I can find the users who praised or complained about the service, or who mentioned "
        "a name",
        reason_zh=f"暂时还不能给员工排名（“{words}”）：画像描述的是顾客，评价说的是哪位教练或员工并没有记录；"
                  "可以找出对服务满意或不满的用户，或提到某个名字的用户",
        unknown=[words], refused=True,
        examples={"zh": ["对教练不满的会员", "夸过教练的会员", "提到“王教练”的用户"],
                  "en": ["users who complained about the staff", "users who praised their coach",
                         "users who mentioned \"Coach Lily\""]})


def _store_complaints_error(words: str) -> PlanError:
    """'哪个门店被投诉最多': a review or complaint is kept without the store it is about."""
    return PlanError(
        f"I can't tell which store gets the most complaints ('{words}'): reviews and complaints are kept without "
        "the store they are about. I can count, per store they ordered at, the customers who complained (one "
        "customer counts in every store they bought at)",
        reason_zh=f"没法说哪个门店被投诉最多（“{words}”）：评价和投诉没有记录是关于哪个门店的。可以按下单门店统计"
                  "不满的顾客（一位顾客在几个门店买过，就算在几个门店里）",
        unknown=[words], refused=True,
        examples={"zh": ["按门店统计对服务不满的顾客", "在静安店买过且对口味不满的顾客", "给过差评的顾客有多少"],
                  "en": ["customers unhappy with the service by store", "customers of 静安店 who complained about taste",
                         "how many customers left a bad review"]})


# --- copy follow-ups the copywriter cannot do as asked ---------------------------------------------

def _tone_error(words: list[str], lang: str) -> PlanError:
    """'make it sarcastic': name the tones that exist."""
    from tools.copywriter import TONES
    from tools.copywriter.explain import TONE_NAMES as zh_names
    asked = "、".join(f"“{w}”" for w in words) if words else ""
    return PlanError(
        f"there is no {', '.join(repr(w) for w in words) or 'such'} tone; the tones are {', '.join(TONES)}",
        reason_zh=f"文案没有{asked or '这种'}语气，可用的语气：" + "、".join(f"{zh_names[t]}（{t}）" for t in TONES),
        unknown=words, refused=True,
        examples={"zh": ["换成活泼一点的语气", "改成温暖的语气", "语气专业一点"],
                  "en": ["make it more playful", "use a warm tone", "try an urgent tone"]})


def _length_error(args: dict, lang: str) -> PlanError:
    """'短一点': the length of copy is set by its channel; say the limits and how to get shorter copy."""
    from tools.copywriter import LIMITS
    from tools.copywriter.explain import CHANNEL_NAMES

    channel, language = args.get("channel", "sms"), args.get("language", lang)

    def limits(name: str, zh: bool = False) -> str:
        if zh:
            return f"{CHANNEL_NAMES[name][0]}：" + "、".join(f"{_FIELD_ZH[part]} ≤ {limit}"
                                                     for part, limit in LIMITS[name][language].items())
        return f"{name}: " + ", ".join(f"{part} ≤ {limit}" for part, limit in LIMITS[name][language].items())

    others = "; ".join(limits(name) for name in LIMITS if name != channel)
    others_zh = "；".join(limits(name, zh=True) for name in LIMITS if name != channel)
    return PlanError(
        f"the copy's length is set by its channel ({limits(channel)}) and every variant already fits it; "
        f"the other channels: {others}",
        reason_zh=f"文案长度由渠道决定（{limits(channel, zh=True)}），每条都已符合；其他渠道：{others_zh}",
        refused=True,
        examples={lang: [ask for name, ask in asks.items() if name != channel][:2] + [more]
                  for lang, asks, more in (("zh", _CHANNEL_ASK_ZH, "再来一条"), ("en", _CHANNEL_ASK_EN, "give me 1 more"))})


_COPY_SETTINGS = ("channel", "tone", "language", "offer")
# the arguments a change is read against when no copy was written (only whether it is a change matters)
_ANSWER_WORDS_RE = re.compile(r"please|answer|reply|respond|tell|explain|回答|回复|答复|作答|说明|解释|告诉|显示|列出")
_NO_COPY = {"channel": "sms", "tone": None, "language": "zh", "offer": None, "n": 3}
_FIELD_ZH = {"title": "标题", "body": "正文", "subject": "主题", "preheader": "预览文字"}
_CHANNEL_ASK_ZH = {"sms": "换成短信", "push": "改成推送", "email": "改成邮件", "social": "改成朋友圈"}
_CHANNEL_ASK_EN = {"sms": "as SMS", "push": "as a push notification", "email": "as an email", "social": "as a social post"}


# --- small helpers --------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _phrase_map_re(name: str) -> re.Pattern:
    table = {"channel": lx.CHANNEL, "language": lx.LANGUAGE}[name]
    return re.compile(lx.phrase_pattern([w for words in table.values() for w in words]))


def _offer_words(text: str) -> str:
    """The offer without a second verb that leads it ("加上送一张咖啡券" -> "一张咖啡券")."""
    text = _OFFER_TAIL_RE.sub("", text.strip())
    lead = _OFFER_ZH_RE.match(text)
    return lead.group(1).strip() if lead and lead.group(1).strip() else text


def _clean_name(name: str) -> str:
    name = name.strip().strip("\"'“”‘’「」《》 .。,，!！?？")
    # '保存为人群“价格敏感”': the quoted words are the name, not the word for a segment before them
    quoted = re.search(r"[“\"「《‘]([^”\"」》’]+)$", name)
    if quoted:
        name = quoted.group(1)
    name = re.sub(r"^(?:a\s+segment\s+)?(?:called|named)\s+", "", name)
    # "保存为分群 高价值客户", "save as segment vip": the word for a segment says what is saved, not its name
    name = re.sub(r"^(?:(?:一个|个)?(?:分群|人群|群组|客群)(?:[:：\s]+|叫|叫做|名为)|(?:a\s+)?(?:new\s+)?segment[:\s]+)",
                  "", name).strip("\"'“”‘’「」《》 ")
    return name[:60].strip()


_FILLER_ZH_WORDS = frozenset(lx.FILLER_ZH) | {"年龄段", "年龄层", "年龄", "岁数", "的人", "的用户"}
_FILLER_ZH_RE = re.compile("|".join(re.escape(w) for w in sorted(_FILLER_ZH_WORDS | {"把", "将", "年龄段", "年龄层",
                                                                                     "年龄", "岁数"},
                                                                   key=len, reverse=True)))
_ANSWER_LANGUAGE_RE = re.compile(lx.ANSWER_LANGUAGE)
_REFUSE_RE = re.compile(r"(?:^|^(?:please|pls|请|帮我|麻烦|can you|could you)\s*)" + lx.REFUSE_WORDS
                        + r"|drop\s+table|delete\s+from|insert\s+into|update\s+\w+\s+set|truncate\s+table")
_WRITE_CHANGE_RE = re.compile(lx.WRITE_CHANGE)
_DATA_OBJECT_RE = re.compile(lx.DATA_OBJECT)
# Questions the planner refuses with a reason and what to ask instead, checked in this order:
# pattern -> (reason, reason in Chinese, example questions or None); {word} is what matched.
_NOT_SUPPORTED = [
    (re.compile(lx.phrase_pattern(lx.RETURN_FIGURE_WORDS)), (
        "the data has no returns or refunds ('{word}'): an order is kept as it was placed; what is known is who "
        "intends to return or get a refund (read from their reviews and chats)",
        "数据里没有退货或退款记录（“{word}”）：订单按下单时的样子保存；能查的是有退货退款意向的用户（从评价和聊天里读出）",
        {"zh": ["有退货退款意向的用户", "近30天有退货退款意向的用户有多少"],
         "en": ["users who want to return something", "how many users asked for a refund in the last 30 days"]})),
    (re.compile(lx.phrase_pattern(lx.COST_FIGURE_WORDS)), (
        "the data has no costs ('{word}'): an order keeps only what the customer paid (orders.amount), not what the "
        "goods cost, so profit and margin cannot be worked out; that needs each order's or product's cost as a "
        "field the data loads (a cost column in an orders file is kept unread in the order's extra); sales figures can be given",
        "数据里没有成本（“{word}”）：订单只记录顾客支付的金额（orders.amount），没有商品的进价或成本，所以算不出毛利和利润率；"
        "要算需要每笔订单或每个商品的成本字段（订单文件里的成本列目前只存在订单的附加字段 extra 里，不能查询）；可以问销售额",
        {"zh": ["总销售额是多少", "哪个品牌卖得最好", "按城市看一下客单价"],
         "en": ["total sales", "which brand sells the most", "average order value by city"]})),
    (re.compile(lx.phrase_pattern(lx.RATE_WORDS) + "|" + lx.RATE_ANY + "|" + lx.TREND_PER), (
        "rates and trends over time are not supported yet ('{word}'); ask for the share of an audience, or for a "
        "count in a time window",
        "还不支持按时间计算的比率和趋势（“{word}”）；可以问某群人的占比，或某个时间窗口内的人数",
        {"zh": ["下过单的用户里复购过的比例", "有流失风险的用户占多少", "近30天新注册的用户有多少"],
         "en": ["what share of buyers ordered again", "what share of users are at churn risk",
                "how many users registered in the last 30 days"]})),
    (re.compile(lx.phrase_pattern(lx.FORECAST_WORDS)), (
        "forecasts are not supported ('{word}'): Persona answers from the data collected so far; ask who shows an "
        "intent or a churn risk now, or for a figure over a past window",
        "不支持预测（“{word}”）：Persona 只根据已有数据回答；可以问现在有购买意向或流失风险的用户，或过去某个时间窗口的数字",
        {"zh": ["有购买意向的用户有多少", "有流失风险的用户按城市分布", "近30天的消费总额"],
         "en": ["how many users intend to buy", "churn-risk users by city", "total spend in the last 30 days"]})),
]
# Asked before anything else (a copy's channel takes "email" from "the email addresses of …")
_IDENTITY = (re.compile(lx.phrase_pattern(lx.IDENTITY_WORDS)), (
    "Persona never shows who customers are ('{word}'): phone numbers, emails and device ids are kept apart "
    "from the profiles and no query can read them",
    "Persona 不提供用户的身份信息（“{word}”）：手机号、邮箱和设备号与画像分开存放，任何查询都读不到",
    None))
_ALL_USERS_RE = re.compile(lx.ALL_USERS)
_USER_ID_RE = re.compile(lx.USER_ID)
_GENERATE_RE = re.compile(lx.GENERATE_WORDS)
_SAVE_ZH_RE = re.compile(lx.SAVE_ZH)
_SAVE_EN_RE = re.compile(lx.SAVE_EN)
_SAVE_EN_NAME_RE = re.compile(lx.SAVE_EN_NAME)
_SAVE_ZH_BARE_RE = re.compile(lx.SAVE_ZH_BARE)
_SAVE_EN_BARE_RE = re.compile(lx.SAVE_EN_BARE)
_COPY_ZH_RE = re.compile(lx.COPY_TRIGGER_ZH)
_COPY_OFFER_ABOUT_RE = re.compile(lx.COPY_OFFER_ABOUT_ZH)
_COPY_EN_RE = re.compile(lx.COPY_TRIGGER_EN)
_COPY_CHANNEL_VERB_RE = re.compile(lx.COPY_CHANNEL_VERB_EN)
_COPY_MESSAGE_RE = re.compile(lx.phrase_pattern(lx.COPY_MESSAGE_WORDS))
_COPY_NOUN_RE = re.compile(lx.COPY_NOUN_ZH + "|" + lx.phrase_pattern(["campaign copy", "marketing copy", "ad copy",
                                                                       "promo copy", "sms copy", "push copy",
                                                                       "email copy"]))
_OCCASION_RES = {occasion: re.compile(lx.phrase_pattern(words)) for occasion, words in lx.COPY_OCCASION.items()}
_TONE_RE = re.compile(r"(?:in\s+an?\s+|with\s+an?\s+|(?:语气|风格|口吻|调性)\s*(?:要|是|为|:|更|再)?\s*)?(?P<tone>"
                      + lx.phrase_pattern([w for words in lx.TONE.values() for w in words]) + r")\s*(?:"
                      + lx.TONE_MARK + r")?(?:\s*(?:的|点|些))?(?:\s*(?:语气|风格|口吻|调性|写法|tone|voice|style))?")
# What may stand around a request for more copy ("那就再来三条吧", "ok, give me three more please")
_ASIDE_RE = re.compile(r"[\s\W_]+|那就|那|就|吧|呢|啊|呀|嘛|好的|(?<![a-z])(?:ok(?:ay)?|please|pls|then|can|could|you)(?![a-z])")
_COPY_MORE_RE = re.compile(lx.COPY_MORE_ZH.replace("?P<n>", "?P<n_zh>") + "|" + lx.COPY_MORE_EN.replace("?P<n>", "?P<n_en>"))
_COPY_REWRITE_RE = re.compile(lx.phrase_pattern(lx.COPY_REWRITE))
_COPY_LENGTH_RE = re.compile(lx.phrase_pattern(lx.COPY_LENGTH))
_TONE_ASK_RE = re.compile(lx.TONE_ASK)
# "make it sms": after copy, a change of it (not a new SMS); kept in the text, where it may ask for a tone
_MAKE_IT_RE = re.compile(r"(?<![a-z])make\s+(?:it|them|this)(?![a-z])")
_COPY_CHANGE_FILLER_RE = re.compile(lx.phrase_pattern(lx.COPY_CHANGE_FILLER))
_OFFER_ZH_RE = re.compile(lx.OFFER_ZH)
_OFFER_EN_RE = re.compile(lx.OFFER_EN)
_OFFER_INLINE_RE = re.compile(lx.OFFER_INLINE)
_OFFER_REACH_RE = re.compile(lx.OFFER_REACH)
# An opinion said before "about" ("complained about", "unhappy about", "talked about"): the audience's words
_OPINION_BEFORE_ABOUT_RE = re.compile(lx.phrase_pattern(
    [w[:-len(" about")] for words in lx.POLARITY.values() for w in words if w.endswith(" about")]) + r"\s*$")
_OFFER_REACH_BACK_RE = re.compile(lx.OFFER_REACH_BACK)
_ABOUT_IN_REQUEST_RE = re.compile(r"(?:关于|有关|介绍|推广|宣传)\s*([\u4e00-\u9fffa-z0-9%]{1,7}?)的")
_AUDIENCE_TAIL_RE = re.compile(r"\s+(?:for|to)\s+(?=\S)|给(?=\S)")
_OFFER_TAIL_RE = re.compile(r"\s*(?:\s(?:instead|too|as well|also|this time|please)|吧|哦|呢|啊)+$")
_REFERENCE_ONLY_RE = re.compile(r"(?:(?:that|this|the|these|those|them|our|my)\s*)*(?:segment|audience|group|users|"
                                r"customers|people|list|them|they)?")
_LOOKUP_RES = [re.compile(p) for p in lx.LOOKUP_PATTERNS]
_REFER_BACK_RE = re.compile(lx.REFER_BACK)
# "C027说了什么", "what did u00012 say", "u00012's reviews": the user's own texts, not the profile
_SAID_RE = re.compile(r"(?:说|写|评价|评论|聊|反馈|抱怨|留言)(?:了|过)些?(?:什么|啥|哪些)|说什么|(?:的|发的|写的)(?:原话|评价|评论|留言|聊天记录|聊天|反馈)"
                      r"|(?<![a-z])(?:what\s+(?:did|does|has|have)\s+\S+\s+(?:say|said|write|wrote|written|post|posted|"
                      r"complain(?:ed)?\s+about)|(?:reviews?|comments?|messages?|chats?|texts?|posts?|words)\s+"
                      r"(?:of|by|from)|'s\s+(?:reviews?|comments?|messages?|chats?|texts?|posts?|own\s+words))(?![a-z])")
# "why is u00173 tagged …", "为什么u00173是…", "…是怎么算的", "how was … decided": a tag's reason
_WHY_RE = re.compile(r"(?<![a-z])(?:why|how\s+come|what\s+makes|how\s+(?:was|is|did|do)\s+(?:it\s+|that\s+|this\s+)?"
                     r"(?:\w+\s+)?(?:computed|calculated|decided|determined|worked\s+out|tagged|labell?ed)|reason\s+for"
                     r"|evidence\s+for|tagged|labell?ed)(?![a-z])|为什么|为啥|为何|凭什么|怎么算的|怎么来的|怎么判断的|怎么得出的"
                     r"|依据是什么|依据|根据什么|被标记为|被标为|标记为")
# the conditions a tag explanation is about, and the tag category of a kind said ("消费特征")
_TAG_KINDS = frozenset({"interest", "lifecycle", "consumption", "occupation"})   # 学生: the student tag
_TAG_CATEGORY = {"consumption": "consumption", "lifecycle": "lifecycle", "interest": "interests"}
_TAG_WORDS = frozenset({"tag", "tags", "label", "labels", "stage", "like", "likes", "into", "as", "a", "标签", "这个",
                        "的", "是", "有"})
_LOOKALIKE_RE = re.compile(r"similar|look[\s-]?alikes?|resembl|(?:users?|people|customers?|others?)\s+like\s+(?=u\d)"
                           r"|相似|类似|相像|差不多的|像\s*u\d|一样的用户|同类")
_COMPARE_RE = re.compile(lx.COMPARE_AUDIENCES)
# "export them to churn.csv", "download the list as a csv", "导出到 churn.csv", "导出这批用户"
_EXPORT_RE = re.compile(r"(?P<verb>(?<![a-z/])(?:export|download|dump)(?![a-z]))(?:[^,;!?]*?(?P<dest>(?:to|as|into)\s+"
                        r"(?P<file>[\w\-]+\.(?:csv|jsonl|json|xlsx|xls|txt))))?"
                        r"|(?P<verb2>导出(?:来)?)(?:[^，,;；!?？]*?(?P<dest2>(?:到|成|为)\s*"
                        r"(?P<file2>[\w\-]+\.(?:csv|jsonl|json|xlsx|xls|txt))))?")
# why the copy is written ("to win them back", "so they come back", "来召回他们"): not a condition
_COPY_PURPOSE_RE = re.compile(
    r"(?<![a-z])(?:to|in\s+order\s+to|so\s+(?:that\s+)?(?:they|we|she|he)(?:\s+(?:can|will|would))?)\s+"
    r"(?:win|bring|get|lure|woo|re-?engage|reactivate|re-?activate|retain|keep|convince|encourage|remind|invite|welcome"
    r"|thank|nudge|tempt|persuade|come|return|buy|shop|order)(?![a-z])[^,.;!?]*"
    r"|(?<![a-z])remind(?:ing)?\s+(?:them|those users|these users|everyone|customers|people)(?![a-z])[^,.;!?]*"
    r"|(?:来|以|好|用来)?(?:召回|挽回|唤醒|激活|拉回|留住|促活)(?:他们|她们|这些人|这群人|用户)?"
    r"|(?:来|以|好|用来)?(?:提醒|催)(?:他们|她们|大家|这些人|这群人|用户|顾客)[^，,。;；!！?？]*")
# How a copy change or "more copy" with no copy yet is refused: no question about users (plan._after_refusal)
NO_COPY_YET = "there is no copy yet"
_VERSUS_REST_RE = re.compile(lx.VERSUS_REST)
_COMPARE_LEAD_RE = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you|let'?s)\s+)*(?:compare|contrast)(?![a-z])"
                              r"|^\s*(?:请|帮我)?(?:对比一下|对比下|对比|比较一下|比较)")
_COMPARE_JOINT_RE = re.compile(r"(?<![a-z])(?:with|against)(?![a-z])")
_COMPARE_TAIL_RE = re.compile(r"(?P<w>的?(?:对比|比较|差异|区别|差别)(?:一下|情况)?|有什么(?:不同|区别|差别)"
                               r"|(?<=[\u4e00-\u9fff])(?:相)?比(?:一下|一比|起来|较)?\s*(?:怎么样|如何|咋样|呢|有什么不同)?)"
                               r"\s*[?？。!！]*\s*$")
# "北京和上海比，哪边人均消费高", "跟成熟期用户比起来": 比 after the second group, before the question about them
_COMPARE_MIDDLE_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?P<w>(?:相)?比(?:一下|一比|起来|较)?)\s*(?=[,，、]|\s*(?:哪|谁))")
# "each of the values named": 分别, 各自, 各 before 有/是/多少/几; "how many of each?", "... each", "respectively"
# (not "各自的会员等级", "会员等级分别是什么": each user's own, a column of the list, lexicon.LIST_COLUMN_PATTERNS)
_EACH_RE = re.compile(r"(?:分别|各自)(?!\s*的?\s*(?:" +
                      lx.phrase_pattern([w for g in lx.LIST_COLUMN_GROUPS for w in lx.GROUP_WORDS[g][0]]) +
                      r"))(?!\s*是(?:什么|啥|哪))|各(?=\s*(?:有|是|多少|几|占))"
                      r"|(?<![a-z])(?:(?:of\s+)?each(?=\s*[?.!]*\s*$)|respectively|apiece)(?![a-z])"
                      r"|(?<=and\s)how\s+many(?:\s+(?:are|were|of\s+them))?(?![a-z])")   # how many men and how many women
# A count whose subject is left out, opening the question: "how many are guys?", "and how many live in
# Beijing?", "有多少是女生", "几个是金卡会员" (but "how many users are …" names its own)
_ELLIPTIC_COUNT_RE = re.compile(
    r"^\s*(?:(?:and|so|ok|okay|then|now|那|那么|好的)\s*,?\s*)?(?:how\s+many\s+(?:of\s+(?:them|those|these)\s+)?"
    r"(?:are|is|were|was|have|has|had|do|did|does|live|come|like|love|bought|ordered|spent|searched|complained)(?![a-z])"
    r"|(?:有|其中)?(?:多少|几)\s*(?:个|位|名)?(?:人|用户)?\s*是(?!否|不是))")
_MORE_OR_ZH_RE = re.compile(lx.MORE_OR_ZH)
_MORE_END_ZH_RE = re.compile(lx.MORE_END_ZH)
_WHICH_MORE_ZH_RE = re.compile(lx.WHICH_MORE_ZH)
_MORE_OR_EN_RE = re.compile(lx.MORE_OR_EN)
_WHICH_MORE_EN_RE = re.compile(lx.WHICH_MORE_EN)
_WHICH_HAS_MORE_EN_RE = re.compile(lx.WHICH_HAS_MORE_EN)
_PEOPLE_MORE_ZH_RE = re.compile(lx.PEOPLE_MORE_ZH)
_FIGURE_MORE_ZH_RE = re.compile(lx.FIGURE_MORE_ZH)
_FIGURE_MORE_EN_RE = re.compile(lx.FIGURE_MORE_EN)
_WHICH_BEFORE_ZH_RE = re.compile(r"(?:哪边|哪一边|哪方|哪一方|哪个群体|哪个人群|哪群人|哪类人|哪一类人|哪个|哪一个|谁)\s*的?\s*$")
_WHICH_GAP_ZH_RE = re.compile(r"\s*(?:(?:谁|哪个|哪一个|哪边)\s*的?)?\s*")   # 平均年龄(谁)更大
# An interest said as its people ("runners", "cat owners", "跑步爱好者", "养猫的人"): compared, audiences
_PEOPLE_WORD_RE = re.compile(r"(?:owners?|lovers?|fans?|parents?|people|folks|enthusiasts?)$|^养")
_DONE_RE = re.compile(r"\s*(?:过|了)")
_DOER_RE = re.compile(r"([a-z]{3,})(?:ers|ists)$")


def _people_word(words: str, interest: str | None) -> bool:
    """Do the words of an interest name people ("cat owners", "养猫的")? A word in -ers / -ists does when
    another name of its interest is the doing ("runners": running, "hikers": hiking, "cyclists": cycling);
    "sneakers", "speakers" are things (Shoes has no "sneaking")."""
    if _PEOPLE_WORD_RE.search(words):
        return True
    doer = _DOER_RE.search(words)
    if doer is None or interest is None or not load_taxonomy().has(interest):
        return False
    node = load_taxonomy().get(interest)
    names = {name.lower() for name in (node.name_en, *node.synonyms)} - {words, words[:-1]}
    return any(name.startswith(doer.group(1)) for name in names)
_PEOPLE_AFTER_RE = re.compile(r"\s*(?:爱好者|的人|的用户|用户|家长|主人|党|们|(?:owners?|lovers?|fans?|people|folks|"
                              r"enthusiasts?)(?![a-z]))")
# Spending tied to what was bought: "买宠物粮花钱最多", "spenders on pet food", "spent the most on Petkit"
# (not "买过耐克的用户里消费最高的", "买过耐克且消费超过1000的": who bought it, then all their orders)
_SPEND_ON_RE = re.compile(r"买(?:(?!的(?:用户|人|顾客|客户|会员)|里|中|且|并|而|同时|又|还|也)[^，,。；;？?]){1,16}?(?:花(?:钱|费|了|的钱)|消费|花销)"
                          r"|在[^，,。；;？?]{1,16}?上\s*(?:的)?\s*(?:花(?:钱|费|了|的钱)|消费|花销)"
                          r"|(?<![a-z])(?:spenders?|spent|spend(?:s|ing)?)(?:\s+(?:the\s+)?(?:most|least|more))?\s+on(?![a-z])")
_VERSUS_RE = re.compile(r"(?<![a-z])(?:vs\.?|versus)(?![a-z])|(?<=[\u3400-\u9fff])\s*(?:vs|VS)\s*(?=[\u3400-\u9fff])")
# Tokens that say who: a question with one of them (after a copy change's words) asks for people
_PEOPLE_KINDS = frozenset({"cond", "intent", "aspect", "polar", "polarity", "verb", "active", "registered",
                           "interest"})
_WHO_RE = re.compile(r"(?<![a-z])(?:who|whom|which\s+(?:users?|customers?|people))(?![a-z])|哪些|哪位|谁")
_POPULATION_RE = re.compile(lx.POPULATION)
_ANYONE_ASKS_RE = re.compile(lx.ANYONE_ASKS)
_WHO_DID_RE = re.compile(lx.WHO_DID)
_OUR_RE = re.compile(r"(?<![a-z])our(?![a-z])|我们的|咱们的|我们店|本店")
_THOSE_WHO_RE = re.compile(lx.THOSE_WHO)
_CAPITAL_WORD_RE = re.compile(r"(?<![A-Za-z'])[A-Z]{2,}(?![A-Za-z'])")
# filler pronouns that are names in capitals ("users in IT"; "US" is a country, places.py); other capitals
# are emphasis ("WHO mentioned …", "OK, …") and stay what they are
_CAPITAL_NAMES = {"it", "us"}
_OWN_PEOPLE_RE = re.compile(lx.OWN_PEOPLE)

# --- dropping a condition by what it is about ("drop the city", "不限城市了") ------------------------

_SLOT_OF_WORD = {" ".join(word.split()): slot for slot, (zh, en) in lx.DROP_SLOTS.items() for word in [*zh, *en]}
_DROP_VERB_RE = re.compile(rf"{lx.DROP_VERB_ZH}|(?<![a-z]){lx.DROP_VERB_EN}(?![a-z])")
_CONDITION_NOUN_RE = re.compile(lx.CONDITION_NOUN)


def squash_words(words: str) -> str:
    return " ".join(words.split())


@lru_cache(maxsize=1)
def _drop_slot_res() -> tuple[re.Pattern, ...]:
    zh = "(?P<slot>" + "|".join(sorted((w for zh, _ in lx.DROP_SLOTS.values() for w in zh), key=len, reverse=True)) + ")"
    en = "(?P<slot>" + "|".join(sorted((w.replace(" ", r"\s+") for _, en in lx.DROP_SLOTS.values() for w in en),
                                       key=len, reverse=True)) + ")"
    noun = rf"(?:\s*{lx.CONDITION_NOUN})?"
    return (re.compile(rf"{lx.DROP_VERB_ZH}\s*(?:掉)?\s*{zh}{noun}\s*(?:了|吧)?"),
            re.compile(rf"{zh}{noun}\s*(?:{lx.SLOT_LEAVE_ZH}|{lx.DROP_VERB_ZH}(?:掉|了)?)\s*(?:了|吧)?"),
            re.compile(rf"(?<![a-z]){lx.DROP_VERB_EN}\s+(?:the\s+)?{en}(?![a-z]){noun}"))


def _without_slots(spec: AudienceSpec, slots: set[str]) -> AudienceSpec:
    """``spec`` without the conditions of ``slots``; "time" takes off the time windows instead."""
    def keep(clause: Clause) -> bool:
        return _slot(clause) not in slots

    where = [clause for clause in spec.where if keep(clause)]
    base = [clause for clause in spec.base if keep(clause)]
    kept = AudienceSpec.from_dict(replace(spec, where=where, base=base).to_dict())
    if "time" in slots:
        for condition in kept.conditions():
            if condition.kind != "registered":
                condition.window = None
        if kept.metric is not None:
            kept.metric.window = None
    return kept


def _asks_what(tokens: list[Token]) -> bool:
    """Does the question ask what the audience has ("她们都喜欢什么", "what are they comparing the most?"),
    rather than another view of the last answer ("按兴趣呢": the last figure per interest)?"""
    return any(t.kind == "output" and t.data.get("what") for t in tokens)


def _about_audience(spec: AudienceSpec, tokens: list[Token]) -> AudienceSpec:
    """"what are gold members comparing?": an audience without the intent or event its breakdown of
    what they are about counts is given it (the gold members comparing something)."""
    token = next((t for t in tokens if t.kind == "output" and t.data.get("about")), None)
    if spec.group_by != "about" or token is None or has_about(spec, token.data["about"]):
        return spec
    return replace(spec, where=[*spec.where, about_clause(token.data["about"], "")])
