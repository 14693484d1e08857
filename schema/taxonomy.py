"""The tag taxonomy: canonical ids, zh/en names, a tree under the interests, bilingual synonyms.

The shipped default lives in ``schema/taxonomy.yaml``; operators extend it by editing that one
file (or pointing ``$PERSONA_TAXONOMY`` at their own copy). It is validated on load and every
problem is reported with the file and the entry it concerns.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tools.regex_cache import compile_cached
from tools.user_cache import parsed_file

DEFAULT_PATH = Path(__file__).with_name("taxonomy.yaml")

# Sections of the file and the `kind` their entries get. Only `interests` is a tree.
SECTIONS = {
    "interests": "interest",
    "aspects": "aspect",
    "emotions": "emotion",
    "intents": "intent",
    "values": "value",
    "consumption": "consumption",
    "lifecycle": "lifecycle",
    "tag_categories": "tag_category",
}

# The ids every taxonomy must have (docs/taxonomy.md); a taxonomy file missing one of them is refused.
REQUIRED_IDS = {
    "interests": """outdoor_sports fitness running digital_electronics mobile_phones computers gaming
        beauty_makeup skincare fashion mother_baby pets travel food_drink home_living books education
        finance automotive music movies""",
    "aspects": "price quality delivery service packaging usability appearance battery size_fit taste",
    "emotions": "joy anger sadness fear surprise disgust neutral",
    "intents": "purchase compare research complaint return_refund repurchase churn_risk consult",
    "values": "eco_conscious tech_optimist family_first health_conscious frugal adventurous",
    "consumption": "price_sensitive value_seeker quality_seeker premium",
    "lifecycle": "new growing mature dormant churn_risk",
    "tag_categories": "basic_info demographics interests behavior preferences intent sentiment values consumption lifecycle",
}

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class TaxonomyError(ValueError):
    """The taxonomy file is unusable; the message names the file and the entry."""


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    name_zh: str
    name_en: str
    parent_id: str | None = None
    level: int = 1
    path: str = ""
    synonyms: tuple[str, ...] = ()
    children: tuple[str, ...] = ()


@dataclass
class Taxonomy:
    """Nodes by kind, then id. Ids are unique within a kind ('churn_risk' is both an intent
    and a lifecycle stage, as docs/taxonomy.md says)."""

    by_kind: dict[str, dict[str, Node]]
    source: str = str(DEFAULT_PATH)
    # (kind, normalized term) -> node id, over names and synonyms of every node
    _terms: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def get(self, node_id: str, kind: str = "interest") -> Node:
        return self.by_kind[kind][node_id]

    def has(self, node_id: str, kind: str = "interest") -> bool:
        return node_id in self.by_kind.get(kind, {})

    def all_nodes(self) -> list[Node]:
        return [node for nodes in self.by_kind.values() for node in nodes.values()]

    def of_kind(self, kind: str) -> list[Node]:
        """Every node of one kind ('interest', 'aspect', ...), in file order."""
        return list(self.by_kind.get(kind, {}).values())

    def ids(self, kind: str) -> list[str]:
        return [node.id for node in self.of_kind(kind)]

    def ancestors(self, interest_id: str) -> list[str]:
        """The interest and its ancestors, root first: hiking -> ['outdoor_sports', 'hiking']."""
        interests = self.by_kind["interest"]
        chain = []
        current: str | None = interest_id
        while current is not None:
            chain.append(current)
            current = interests[current].parent_id
        return list(reversed(chain))

    def descendants(self, interest_id: str) -> list[str]:
        """The interest and everything below it."""
        out = [interest_id]
        for child in self.by_kind["interest"][interest_id].children:
            out.extend(self.descendants(child))
        return out

    def terms(self, kind: str) -> dict[str, str]:
        """Normalized term (name or synonym) -> node id, for one kind."""
        return {term: node_id for (k, term), node_id in self._terms.items() if k == kind}

    def lookup(self, term: str, kind: str = "interest") -> str | None:
        """The id whose name, id or synonym is exactly ``term`` (case- and space-insensitive)."""
        return self._terms.get((kind, normalize_term(term)))

    def find_terms(self, text: str, kind: str = "interest") -> list[tuple[str, str, int]]:
        """Every name/synonym of ``kind`` occurring in ``text``: (node id, matched text, offset).

        Longest terms win and matches do not overlap; latin terms must stand as whole words
        ("art" does not match inside "smart"). One compiled regex per kind keeps this fast.
        """
        pattern = self._pattern(kind)
        if pattern is None:
            return []
        terms = self._kind_terms(kind)
        return [
            (terms[normalize_term(m.group(0))], m.group(0), m.start())
            for m in pattern.finditer(text)
            if normalize_term(m.group(0)) in terms
        ]

    def match_interest(self, text: str | None) -> str | None:
        """The interest a free-form category or query names ('登山用品', 'Outdoor Gear'), or None.

        An exact name/synonym wins; otherwise the most specific (deepest, then longest) term
        found inside the text.
        """
        if not text:
            return None
        exact = self.lookup(text, "interest")
        if exact:
            return exact
        hits = self.find_terms(text, "interest")
        if not hits:
            return None
        interests = self.by_kind["interest"]
        best = max(hits, key=lambda hit: (interests[hit[0]].level, len(hit[1])))
        return best[0]

    def _kind_terms(self, kind: str) -> dict[str, str]:
        cache = self.__dict__.setdefault("_kind_terms_cache", {})
        if kind not in cache:
            cache[kind] = self.terms(kind)
        return cache[kind]

    def _pattern(self, kind: str):
        cache = self.__dict__.setdefault("_pattern_cache", {})
        if kind not in cache:
            terms = [term for term in self._kind_terms(kind) if term]
            cache[kind] = compile_cached(_trie_regex(terms), re.IGNORECASE) if terms else None
        return cache[kind]

    def name(self, node_id: str, lang: str = "zh", kind: str = "interest") -> str:
        node = self.by_kind.get(kind, {}).get(node_id)
        if node is None:
            return node_id
        return node.name_zh if lang == "zh" else node.name_en


def _trie_regex(terms: list[str]) -> str:
    """One regex matching any of ``terms``, built as a character trie.

    A flat ``a|b|c`` alternation of ~2,000 terms makes the regex engine try every term at every
    position; a trie shares prefixes, so a position is rejected after one character. At each
    trie node the longer continuations come before "the term ends here", which keeps the
    longest-term-wins rule. Latin terms get word boundaries ("art" must not match "smart");
    CJK has none. A space in a term matches any run of white space.
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here
    return _trie_node_regex(trie, previous="")


def _is_latin_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _trie_node_regex(node: dict, previous: str) -> str:
    branches = []
    for char, child in node.items():
        if char == "":
            continue
        piece = r"\s+" if char == " " else re.escape(char)
        if not previous and _is_latin_word_char(char):
            piece = r"(?<![a-z0-9])" + piece
        branches.append(piece + _trie_node_regex(child, previous=char))
    if "" in node:
        branches.append(r"(?![a-z0-9])" if _is_latin_word_char(previous) else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def normalize_term(term: str) -> str:
    """Casefold and collapse white space so 'Outdoor  Gear' == 'outdoor gear'."""
    return " ".join(str(term).casefold().replace("_", " ").split())


def load_taxonomy(path: str | os.PathLike | None = None) -> Taxonomy:
    """Load and validate a taxonomy file (default: $PERSONA_TAXONOMY, else the shipped one)."""
    chosen = path or os.environ.get("PERSONA_TAXONOMY") or DEFAULT_PATH
    return _load_cached(str(Path(chosen).resolve()))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Taxonomy:
    return build_taxonomy(parsed_file(Path(path), lambda: _parse(path)), path)


def _parse(path: str) -> object:
    import yaml  # kept out of module import: `persona sql` never needs it, and a cached parse neither

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_unique_key_loader(yaml))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise TaxonomyError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return data


def _unique_key_loader(yaml):
    """A SafeLoader that refuses a key repeated in one mapping.

    Plain YAML keeps the last of two `coffee:` entries and silently drops the first; an
    operator adding an entry that already exists should hear about it, with the line.
    """

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~5x faster

    class UniqueKeyLoader(base):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate id '{key}' (a key may appear once per mapping)", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader


def build_taxonomy(data: object, source: str = "<taxonomy>") -> Taxonomy:
    """Validate parsed YAML and turn it into a Taxonomy; every problem found is reported at once."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: the top level must be a mapping of sections ({', '.join(SECTIONS)})")
    unknown = sorted(set(data) - set(SECTIONS) - {"version"})
    if unknown:
        errors.append(f"unknown section(s) {unknown}; expected {sorted(SECTIONS)}")
    by_kind: dict[str, dict[str, Node]] = {}
    for section, kind in SECTIONS.items():
        nodes = by_kind.setdefault(kind, {})
        entries = data.get(section)
        if not isinstance(entries, dict) or not entries:
            errors.append(f"section '{section}' is missing or empty")
            continue
        _collect(entries, section, kind, None, 1, "", nodes, errors)
        missing = sorted(set(REQUIRED_IDS[section].split()) - set(nodes))
        if missing:
            errors.append(f"section '{section}' lacks required id(s): {', '.join(missing)}")
    taxonomy = Taxonomy(by_kind=by_kind, source=source)
    _index_terms(taxonomy, errors)
    if errors:
        raise TaxonomyError(f"{source}: invalid taxonomy:\n  - " + "\n  - ".join(errors))
    return taxonomy


def _collect(entries, section, kind, parent, level, parent_path, nodes, errors) -> list[str]:
    ids = []
    for node_id, spec in entries.items():
        where = f"{section}.{parent_path.replace('/', '.') + '.' if parent_path else ''}{node_id}"
        if not isinstance(node_id, str) or not _ID_RE.match(node_id):
            errors.append(f"{where}: id must be snake_case ascii (a-z, 0-9, _)")
            continue
        if not isinstance(spec, dict):
            errors.append(f"{where}: must be a mapping with zh, en, synonyms")
            continue
        if node_id in nodes:
            errors.append(f"{where}: duplicate id '{node_id}' (ids are unique within a section)")
            continue
        bad_keys = sorted(set(spec) - {"zh", "en", "synonyms", "children"})
        if bad_keys:
            errors.append(f"{where}: unknown key(s) {bad_keys}")
        for lang in ("zh", "en"):
            if not isinstance(spec.get(lang), str) or not spec[lang].strip():
                errors.append(f"{where}: missing '{lang}' display name")
        synonyms = spec.get("synonyms") or []
        if not isinstance(synonyms, list) or not all(isinstance(s, (str, int)) for s in synonyms):
            errors.append(f"{where}: 'synonyms' must be a list of strings")
            synonyms = []
        children = spec.get("children") or {}
        if children and section != "interests":
            errors.append(f"{where}: only interests may have children")
            children = {}
        if level >= 3 and children:
            errors.append(f"{where}: the interest tree is at most 3 levels deep")
            children = {}
        path = f"{parent_path}/{node_id}" if parent_path else node_id
        nodes[node_id] = Node(
            id=node_id, kind=kind, name_zh=str(spec.get("zh", node_id)), name_en=str(spec.get("en", node_id)),
            parent_id=parent, level=level, path=path, synonyms=tuple(str(s) for s in synonyms),
        )
        child_ids = _collect(children, section, kind, node_id, level + 1, path, nodes, errors) if children else []
        nodes[node_id] = Node(**{**nodes[node_id].__dict__, "children": tuple(child_ids)})
        ids.append(node_id)
    return ids


def _index_terms(taxonomy: Taxonomy, errors: list[str]) -> None:
    for node in taxonomy.all_nodes():
        for term in (node.id, node.name_zh, node.name_en, *node.synonyms):
            key = (node.kind, normalize_term(term))
            owner = taxonomy._terms.get(key)
            if owner is not None and owner != node.id and not _related(taxonomy, owner, node.id, node.kind):
                errors.append(f"synonym '{term}' is given to both '{owner}' and '{node.id}'")
                continue
            # A term shared by a parent and a child belongs to the more specific node.
            if owner is None or node.level > taxonomy.get(owner, node.kind).level:
                taxonomy._terms[key] = node.id


def _related(taxonomy: Taxonomy, a: str, b: str, kind: str) -> bool:
    if kind != "interest":
        return False
    return a in taxonomy.ancestors(b) or b in taxonomy.ancestors(a)


def sync_to_db(conn, taxonomy: Taxonomy) -> None:
    """Copy the taxonomy into the `taxonomy` table so SQL can join on ids and names."""
    rows = [
        (n.id, n.kind, n.parent_id, n.level, n.path or n.id, n.name_zh, n.name_en)
        for n in taxonomy.all_nodes()
    ]
    with conn:
        conn.execute("DELETE FROM taxonomy")
        conn.executemany(
            "INSERT INTO taxonomy (id, kind, parent_id, level, path, name_zh, name_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
