"""Running the text analysis for a batch of users: the offline analyzers, or the model.

Both analyzers take ``user id -> (items, language)`` and return ``user id -> Analysis``, so the
workflow does not care which one ran.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from tools.analyzers.types import TextAnalysis
from tools.profile.llm_profile import LLMProfiler, merge_outcome
from tools.profile.types import ItemAnalysis, TextItem

Work = dict[str, tuple[list[TextItem], str]]


@dataclass
class Analysis:
    """One user's analyses and how they were made."""

    items: list[ItemAnalysis]
    model: str = "offline"
    fallback: bool = False
    summary: str = ""                 # written by the model, when one ran
    calls: int = 0                    # model calls made for this user
    notes: list[str] = field(default_factory=list)


class OfflineAnalyzer:
    """``tools.analyzers.analyze_texts`` on every text of the batch in one call.

    Identical texts (common in reviews) are analyzed once, and once for every source the analyzers
    read alike (``tools.analyzers.reading``: a post and a survey answer are read the same); a bounded least-recently-used cache
    carries results from one batch to the next, so a text that keeps recurring ('好评', a popular
    search) stays cached however many others pass through.
    """

    model_name = "offline"

    def __init__(self, cache_size: int = 20000) -> None:
        self._cache: OrderedDict[tuple[str, str], TextAnalysis] = OrderedDict()
        self._cache_size = cache_size

    def analyze_items(self, items: list[TextItem]) -> dict[str, TextAnalysis]:
        """item ref -> analysis, for any list of items."""
        from tools.analyzers import analyze_texts, reading

        keys = {item.ref: (item.text, reading(_analyzer_source(item.source))) for item in items}
        todo = []
        for key in dict.fromkeys(keys.values()):
            if key in self._cache:
                self._cache.move_to_end(key)  # recently used: evicted last
            else:
                todo.append(key)
        if todo:
            results = analyze_texts([text for text, _ in todo], sources=[source for _, source in todo])
            self._cache.update(zip(todo, results))
        found = {ref: self._cache[key] for ref, key in keys.items()}
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return found

    def analyze(self, work: Work) -> dict[str, Analysis]:
        results = self.analyze_items([item for items, _ in work.values() for item in items])
        return {uid: Analysis([ItemAnalysis(item, results[item.ref]) for item in items if item.ref in results])
                for uid, (items, _) in work.items()}


def _analyzer_source(source: str) -> str:
    """The analyzers read a search query differently from other text (text sources: docs/data-format.md)."""
    return "search" if source in ("search", "search_event") else source


class ModelAnalyzer:
    """One model call per user (``LLMProfiler``); offline analysis where the model gave none."""

    def __init__(self, profiler: LLMProfiler, offline: OfflineAnalyzer) -> None:
        self.profiler = profiler
        self.offline = offline
        self.model_name = profiler.model_name

    def analyze(self, work: Work) -> dict[str, Analysis]:
        outcomes = self.profiler.analyze_users(work)
        refs = {ref for outcome in outcomes.values() for ref in outcome.needs_offline}
        wanted = [item for items, _ in work.values() for item in items if item.ref in refs]
        offline = self.offline.analyze_items(wanted) if wanted else {}
        result = {}
        for uid, (items, _) in work.items():
            outcome = outcomes[uid]
            result[uid] = Analysis(merge_outcome(items, outcome, offline),
                                   model=self.model_name if outcome.calls else "offline",
                                   fallback=outcome.fallback, summary=outcome.summary, calls=outcome.calls,
                                   notes=outcome.errors)
        return result
