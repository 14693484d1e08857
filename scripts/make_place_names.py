"""Write tools/analyzers/places_en.txt: the English names of the world's countries, regions and big cities,
so a switching cue's destination that is a place ("thinking of moving to Berlin") is read as a move, not a
rival left for (tools/analyzers/cues.py). Reproducible.

Sources: the time-zone database the `tzdata` package ships (zone.tab: one city per zone, "Europe/Berlin";
iso3166.tab: the country names, "Germany", "Britain (UK)"; public domain), and the English names of
Persona's own gazetteer (schema/cities.yaml).

    python scripts/make_place_names.py [--out PATH]
"""

from __future__ import annotations

import argparse
import re
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tools" / "analyzers" / "places_en.txt"


def _rows(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _country_names(name: str) -> list[str]:
    """'Britain (UK)' -> britain, uk; 'Korea (South)' -> korea, south korea; 'Antigua & Barbuda' -> antigua and barbuda."""
    name = name.replace("&", "and").replace("St ", "Saint ")
    inside = re.findall(r"\(([^)]*)\)", name)
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    names = [bare]
    for words in inside:
        names.append(words if words.isupper() or " " in words or "." in words else f"{words} {bare}")
    return [n for n in names if not n.endswith(".")]


def main(argv: list[str] | None = None) -> int:
    from schema.geo import cities

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    places = {part.replace("_", " ") for row in _rows("zone.tab") for part in row[2].split("/")}
    places |= {name for row in _rows("iso3166.tab") for name in _country_names(row[1])}
    places |= {city.en for city in cities()}
    kept = sorted({" ".join(place.lower().split()) for place in places if place})
    args.out.write_text("".join(f"{place}\n" for place in kept), encoding="utf-8")
    print(f"{len(kept)} place names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
