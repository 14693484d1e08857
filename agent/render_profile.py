"""One user's profile as a card for the terminal (`persona profile ID`, the REPL's /profile).

The card reads top to bottom like a person would describe the customer: who they are and where
they stand (lifecycle, consumption, RFM), a summary, then tags by category with confidence bars,
how they feel about each aspect, what they intend to do, their values, segments, the quotes the
profile rests on and what changed recently.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from agent.planner.labels import CATEGORY_NAMES
from agent.render_wrap import wrap_mixed
from tools.identity import merged_note

BAR_WIDTH = 10
NARROW = 90    # console columns below which the tag table stacks its categories (an 80-column terminal)

_LABELS = {
    "zh": {"tags": "标签", "aspects": "情感 (按方面)", "intents": "意图", "values": "价值观", "segments": "分群",
           "keywords": "关键词",
           "evidence": "证据", "history": "最近变化", "summary": "概要", "observe": "观察中",
           "orders": "单", "completeness": "完整度", "built": "构建于", "fallback": "(模型失败,已离线分析)",
           "no_tags": "暂无标签", "errors": "问题",
           "active": "进行中", "fulfilled": "已完成", "expired": "已过期", "ended_by_order": "{day} 下单后结束"},
    "en": {"tags": "Tags", "aspects": "Feelings by aspect", "intents": "Intents", "values": "Values",
           "segments": "Segments", "keywords": "Keywords", "evidence": "Evidence", "history": "Recent changes",
           "summary": "Summary",
           "observe": "observe", "orders": "orders", "completeness": "completeness", "built": "built",
           "fallback": "(model failed, analyzed offline)", "no_tags": "no tags yet", "errors": "problems",
           "active": "active", "fulfilled": "fulfilled", "expired": "expired", "ended_by_order": "ended by order {day}"},
}
# tag_history.change: updated | removed | replaced_by:<tag_id>
_HISTORY_CHANGES = {"zh": {"updated": "已更新", "removed": "已移除"}, "en": {"updated": "updated", "removed": "removed"}}
_CATEGORY_ORDER = ("demographics", "basic_info", "lifecycle", "consumption", "behavior", "interests", "preferences",
                   "values", "intent", "sentiment")
_STATUS_STYLE = {"active": "green", "fulfilled": "blue", "expired": "dim"}


def mention_counts(aspect: dict, lang: str) -> str:
    """How many of the mentions were negative / positive: '1 of 2 negative', '2 negative, 1 positive
    of 4', '3 neutral'; zh '2次中1次负面', '4次中负面2、正面1', '3次，中性'."""
    total, negative, positive = aspect["mentions"], aspect["negative"], aspect["positive"]
    if lang == "zh":
        if negative and positive:
            return f"{total}次中负面{negative}、正面{positive}"
        if negative or positive:
            return f"{total}次中{negative or positive}次{'负面' if negative else '正面'}"
        return f"{total}次，中性"
    if negative and positive:
        return f"{negative} negative, {positive} positive of {total}"
    if negative or positive:
        return f"{negative or positive} of {total} {'negative' if negative else 'positive'}"
    return f"{total} neutral"


def confidence_bar(confidence: float, width: int = BAR_WIDTH) -> Text:
    """'███████░░░ 0.72': filled blocks for the confidence, then the number."""
    filled = max(0, min(width, round(confidence * width)))
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {confidence:.2f}")
    return bar


def polarity_bar(polarity: float, width: int = BAR_WIDTH // 2) -> Text:
    """A centred bar: red blocks to the left for negative, green to the right for positive."""
    filled = max(0, min(width, round(abs(polarity) * width)))
    left = " " * (width - filled) + "█" * filled if polarity < 0 else " " * width
    right = "█" * filled + " " * (width - filled) if polarity > 0 else " " * width
    bar = Text(left, style="red")
    bar.append("│", style="dim")
    bar.append(right, style="green")
    bar.append(f" {polarity:+.2f}")
    return bar


class ProfileCard:
    """A rich renderable of ``tools.profile.store.load_profile``'s dict.

    Args:
        profile: the dict ``load_profile`` returns (its ``profile`` key must not be None), with
            names in ``lang`` (``load_profile(..., lang=lang)``).
        lang: the reader's language, 'zh' or 'en', for labels and headings; default: the language
            ``load_profile`` gave the names in (the database's when no reader's was given).

    Example:
        >>> Console().print(ProfileCard(load_profile("shop.db", "u00042", lang="en"), lang="en"))
    """

    def __init__(self, profile: dict, *, lang: str | None = None):
        self.data = profile
        self.lang = lang or profile.get("display_language") or profile.get("language") or "zh"
        self.labels = _LABELS[self.lang]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.data.get("profile") is None:
            user_id = self.data["user_id"]
            merged = merged_note(self.data, self.lang)
            yield Panel(Text((merged + "\n" if merged else "") + f"no profile yet: run `persona build --user {user_id}`",
                             style="yellow"), title=Text(_title(self.data)), title_align="left")
            return
        yield self._header(options.max_width)
        for section in (self._tags(options.max_width), self._aspects(), self._intents(), self._values(), self._segments(),
                        self._keywords(), self._evidence(), self._history()):
            if section is not None:
                yield section

    # --- sections -----------------------------------------------------------------------------

    def _header(self, width: int) -> Panel:
        data, profile, labels = self.data, self.data["profile"], self.labels
        user = data["user"]
        who = _who(user, self.lang)
        tag_names = {(t["category"], t["tag_id"]): t["name"] for t in data["tags"]}
        standing = [tag_names.get(("lifecycle", profile["lifecycle"]), profile["lifecycle"]),
                    tag_names.get(("consumption", profile["consumption"]), profile["consumption"])]
        if profile.get("rfm_recency"):
            standing.append(f"RFM R{profile['rfm_recency']} F{profile['rfm_frequency']} M{profile['rfm_monetary']}")
        orders = labels["orders"] if profile["order_count"] != 1 or self.lang == "zh" else "order"
        standing.append(f"{profile['order_count']} {orders} · ¥{profile['total_spend']:,.0f}")
        lines = Text()
        merged = merged_note(data, self.lang)
        if merged:
            lines.append(merged + "\n", style="yellow")
        lines.append(" · ".join(who) or user["user_id"])
        lines.append("\n" + " · ".join(part for part in standing if part), style="bold")
        lines.append(f"\n{labels['completeness']} ")
        lines.append_text(confidence_bar(profile["completeness"]))
        built = (profile.get("built_at") or "")[:16].replace("T", " ")
        lines.append(f" · {labels['built']} {built} · {profile['model']}", style="dim")
        if profile.get("fallback"):
            lines.append(f" {labels['fallback']}", style="yellow")
        if profile.get("summary") and (self.lang == data.get("language", self.lang) or profile["model"] != "offline"):
            # an offline summary restates this card's facts in the user's language: shown only to its readers
            summary = profile["summary"]
            lines.append("\n\n" + (summary if len(summary) <= _SUMMARY_CHARS else summary[:_SUMMARY_CHARS - 1] + "…"))
        if profile.get("status") == "error" and profile.get("errors"):
            lines.append(f"\n\n{labels['errors']}: " + "; ".join(profile["errors"][:3]), style="red")
        inner = width - 4   # the panel's border and padding
        return Panel(wrap_mixed(lines, inner), title=Text(_title(data)), title_align="left", expand=True)

    def _tags(self, width: int) -> Table | Text:
        """Tags by category. On a narrow terminal each category is a heading row and the bars are
        shorter, so the evidence keeps a readable column instead of a sliver."""
        tags = self.data["tags"]
        if not tags:
            return Text(self.labels["no_tags"], style="dim")
        narrow = width < NARROW
        bar_width = BAR_WIDTH // 2 if narrow else BAR_WIDTH
        table = _table(self.labels["tags"], *[""] * (4 if narrow else 5))
        by_category: dict[str, list[dict]] = {}
        for tag in tags:
            by_category.setdefault(tag["category"], []).append(tag)
        order = sorted(by_category, key=lambda c: _CATEGORY_ORDER.index(c) if c in _CATEGORY_ORDER else 99)
        for category in order:
            heading = Text(CATEGORY_NAMES[self.lang].get(category, category), style="bold")
            if narrow:
                table.add_row(heading)
            for index, tag in enumerate(_ordered(by_category[category])):
                observe = tag["status"] == "observe"
                depth = tag["path"].count("/") if category == "interests" else 0
                name = Text("  " * (depth + narrow) + tag["name"], style="dim" if observe else "")
                first = [] if narrow else [heading if index == 0 else Text("")]
                table.add_row(
                    *first, name, confidence_bar(tag["confidence"], bar_width),
                    Text(self.labels["observe"], style="dim") if observe else Text(f"v{tag['version']}", style="dim"),
                    _quote(_shown(tag), "dim"),
                )
        return table

    def _aspects(self) -> Table | None:
        aspects = self.data["aspects"]
        if not aspects:
            return None
        table = _table(self.labels["aspects"], "", "", "")
        for aspect in aspects:
            table.add_row(aspect["name"], polarity_bar(aspect["mean_polarity"]),
                          Text(mention_counts(aspect, self.lang), style="dim"),
                          _quote(f"“{aspect['evidence']}”", "italic"))
        return table

    def _intents(self) -> Table | None:
        intents = self.data["intents"]
        if not intents:
            return None
        table = _table(self.labels["intents"], "", "", "", "", "")
        for intent in intents:
            table.add_row(f"P{intent['priority']}", intent["name"], intent.get("target_name") or "",
                          Text(self.labels.get(intent["status"], intent["status"]),
                               style=_STATUS_STYLE.get(intent["status"], "")),
                          Text(self._until(intent), style="dim"),
                          _quote(_shown(intent), "dim"))
        return table

    def _until(self, intent: dict) -> str:
        """When an intent ends or ended: '→ 2026-12-30', or 'ended by order 2026-12-02'."""
        day = (intent.get("expires_at") or "")[:10]
        if intent.get("ended_by_order"):
            return self.labels["ended_by_order"].format(day=day)
        return f"→ {day}"

    def _values(self) -> Table | None:
        values = self.data["values"]
        if not values:
            return None
        # Below the confidence threshold a value is 'observe', marked as tags are (a column only when needed).
        marked = any(value["status"] == "observe" for value in values)
        table = _table(self.labels["values"], *[""] * (4 if marked else 3))
        for value in values:
            observe = value["status"] == "observe"
            mark = [Text(self.labels["observe"] if observe else "", style="dim")] if marked else []
            table.add_row(Text(value["name"], style="dim" if observe else ""), confidence_bar(value["confidence"]),
                          *mark, _quote(_shown(value), "dim"))
        return table

    def _segments(self) -> Text | None:
        segments = self.data["segments"]
        if not segments:
            return None
        names = [s.get(f"name_{self.lang}") or s["name"] for s in segments]
        line = Text(f"{self.labels['segments']}: ", style="bold")
        line.append(" · ".join(names))
        return line

    def _keywords(self) -> Text | None:
        keywords = self.data["profile"].get("keywords")
        if not keywords:
            return None
        line = Text(f"{self.labels['keywords']}: ", style="bold")
        for index, (word, weight) in enumerate(keywords):
            if index:
                line.append(" · ", style="dim")
            line.append(word, style="bold" if weight >= 0.8 else "")  # the strongest stand out
        return line

    def _evidence(self) -> Group | None:
        quotes = self.data["evidence"]
        if not quotes:
            return None
        from tools.profile.evidence_text import source_name

        lines = [Text(self.labels["evidence"], style="bold")]
        comma = "，" if self.lang == "zh" else ", "
        for quote in quotes:
            line = Text(f"  “{quote['text']}”", style="italic")
            supports = ("、" if self.lang == "zh" else ", ").join(quote["supports"])
            line.append(f" — {source_name(quote['source'], self.lang)}{comma}{(quote.get('at') or '')[:10]} → {supports}",
                        style="dim")
            lines.append(line)
        return Group(*lines)

    def _history(self) -> Group | None:
        history = self.data["history"]
        if not history:
            return None
        from schema.taxonomy import load_taxonomy
        from tools.profile.explicit import tag_name

        lines = [Text(self.labels["history"], style="bold")]
        zh = self.lang == "zh"
        for change in history[:8]:
            status = self.labels["observe"] if change["status"] == "observe" else (
                "有效" if zh else change["status"])
            what = _HISTORY_CHANGES[self.lang].get(change["change"])
            if what is None:   # replaced_by:<tag_id>: the tag that took its place, by name
                what = ("被 {} 取代" if zh else "replaced by {}").format(
                    tag_name(change["change"].split(":", 1)[-1], change["category"], load_taxonomy(), self.lang))
            lines.append(Text(f"  {change['valid_to'][:10]}  {change.get('name') or change['tag_id']} v{change['version']} "
                              + (f"（{change['confidence']:.2f}，{status}）" if zh else
                                 f"({change['confidence']:.2f}, {status})") + f" → {what}", style="dim"))
        return Group(*lines)


def _who(user: dict, lang: str) -> list[str]:
    """'female · 30 · Shanghai (Tier-1 city) · Normal member · 销售' in the reader's language
    (the occupation is the user's own words)."""
    from tools.profile.explicit import EXPLICIT_TAGS
    from tools.profile.summary import city_name

    zh = lang == "zh"

    def explicit(tag_id: str) -> str | None:
        names = EXPLICIT_TAGS.get(tag_id)
        return (names[1] if zh else names[2]) if names else None

    gender = user.get("gender") if user.get("gender") in ("female", "male") else None
    age = user.get("age")
    city, tier = city_name(user.get("city"), lang), explicit(f"city_tier_{user.get('city_tier')}")
    return [part for part in (
        ({"female": "女", "male": "男"}[gender] if zh else gender) if gender else None,
        (f"{age}岁" if zh else str(age)) if age is not None else None,
        (f"{city}（{tier}）" if zh else f"{city} ({tier})") if city and tier else city,
        explicit(f"member_{user.get('member_level')}") or user.get("member_level"),
        user.get("occupation"),
    ) if part]


def _shown(item: dict) -> str | None:
    """A tag's, intent's or value's evidence in the card's language (``load_profile`` adds it);
    the stored text for a dict made without it."""
    return item.get("evidence_display") or item.get("evidence")


_EVIDENCE_CHARS = 120   # a table row's evidence: wrapped onto a few lines at most, never cut to the column


def _quote(evidence: str | None, style: str) -> Text:
    """A table's evidence cell: wrapped in its column (Chinese between any two characters, by the
    table's fold), shortened only when it would take more than a few lines."""
    text = evidence or ""
    if len(text) > _EVIDENCE_CHARS:
        text = text[:_EVIDENCE_CHARS - 1] + "…"
    return Text(text, style=style)


def _ordered(tags: list[dict]) -> list[dict]:
    """Strongest first; interests as a tree: each root, then its children under it."""
    root_confidence = {t["path"]: t["confidence"] for t in tags if "/" not in t["path"]}

    def key(tag: dict):
        root = tag["path"].split("/", 1)[0]
        return (-root_confidence.get(root, tag["confidence"]), root, tag["path"].count("/"), -tag["confidence"])

    return sorted(tags, key=key)


_TITLE_NAME_CHARS = 40
_SUMMARY_CHARS = 1000   # a summary is a few sentences; more would take rich seconds to wrap


def _title(data: dict) -> str:
    """'李娜 · u00042', or the id alone for a user without a name; '(← alias)' when an alias was asked
    (the card's first line says why). Shown as a Text: a name is data, and '[/]' in it is no rich markup."""
    name, user_id = data["user"].get("name"), data["user_id"]
    if name and len(name) > _TITLE_NAME_CHARS:
        name = name[:_TITLE_NAME_CHARS - 1] + "…"
    title = f"{name} · {user_id}" if name else user_id
    if data.get("requested_id") and data["requested_id"] != user_id:
        title += f" (← {data['requested_id']})"
    return title


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_header=False, box=None,
                  padding=(0, 1), expand=False)
    for index, name in enumerate(columns):
        table.add_column(name, overflow="fold", ratio=1 if index == len(columns) - 1 else None,
                         no_wrap=index < len(columns) - 1)
    return table
