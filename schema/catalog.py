"""The queryable schema: which tables and columns the agent may read, and what they mean.

Loaded from ``schema/catalog.yaml``; used by the SQL guard (anything not listed is refused),
by the system prompt, and by `persona sql --schema`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.user_cache import parsed_file

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    values: tuple[str, ...] = ()
    unit: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: dict[str, Column]


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, Table]:
    """Table name -> Table, in file order."""
    data = parsed_file(CATALOG_PATH, _parse)
    tables = {}
    for table_name, spec in data.items():
        for name, col in spec["columns"].items():
            _check_column_keys(table_name, name, col)
        columns = {
            name: Column(
                name=name,
                type=col["type"],
                description=col.get("description", ""),
                values=tuple(str(v) for v in col.get("values", ())),
                unit=col.get("unit"),
            )
            for name, col in spec["columns"].items()
        }
        tables[table_name] = Table(table_name, spec.get("description", "").strip(), columns)
    return tables


COLUMN_KEYS = {"type", "description", "values", "unit"}


def _parse() -> object:
    import yaml  # only when the file is not in the user cache

    # libyaml's loader when PyYAML was built with it: same result, ~10x faster (`persona sql` starts sooner)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(CATALOG_PATH.read_text(encoding="utf-8"), Loader=loader)


def _check_column_keys(table: str, name: str, spec: dict) -> None:
    # A comma in an unquoted flow-mapping description silently splits it into a stray key.
    unknown = set(spec) - COLUMN_KEYS
    if unknown:
        raise ValueError(f"{CATALOG_PATH.name}: {table}.{name}: unknown keys {sorted(map(str, unknown))} "
                         f"(quote a description that holds a comma)")


def describe(tables: dict[str, Table] | None = None) -> str:
    """A compact text description of the queryable schema, for prompts and docs."""
    tables = tables or load_catalog()
    lines = []
    for table in tables.values():
        lines.append(f"{table.name}: {table.description}")
        for col in table.columns.values():
            extra = []
            if col.values:
                extra.append("values: " + ", ".join(col.values))
            if col.unit:
                extra.append(f"unit: {col.unit}")
            suffix = f" [{'; '.join(extra)}]" if extra else ""
            lines.append(f"  - {col.name} {col.type}: {col.description}{suffix}")
    return "\n".join(lines)
