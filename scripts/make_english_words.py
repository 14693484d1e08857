"""Write tools/analyzers/english_words.txt: common English words, for the typo correctors of the planner and
of the analyzers (a common word is never a typo). Reproducible.

Source: the English word-frequency table pyspellchecker ships (spellchecker/resources/en.json.gz,
MIT licence; `pip install pyspellchecker==0.9.1`, needed only to run this script). The typo corrector
(agent/planner/spelling.py) reads a word of five letters or more one edit away from a planner word as
that word; a real English word is never a typo ("coach" is not "couch", "changing" not "charging"),
so the --top most frequent words of that length are shipped (~30,000, ~270 KB; rarer words are
more often typos than words: "registerd" and "shangai" must stay correctable). Every four-letter word
of the table is shipped too (~4,100): the analyzers read a four-letter word two of whose neighbours
are swapped ("sycn") as a lexicon word only when it is no word ("east" is never "eats").

    python scripts/make_english_words.py [--top 30000] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tools" / "analyzers" / "english_words.txt"
MIN_LENGTH = 5  # agent/planner/spelling.py corrects only words this long
SWAP_LENGTH = 4  # tools/analyzers/spelling.py reads words this long by a swap only


def main(argv: list[str] | None = None) -> int:
    import spellchecker

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=30000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    source = Path(spellchecker.__file__).with_name("resources") / "en.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        counts: dict[str, int] = json.load(handle)
    words = [w for w in counts if len(w) >= MIN_LENGTH and w.isascii() and w.isalpha()]
    words.sort(key=lambda w: (-counts[w], w))  # ties broken by the word: the same list every run
    four = [w for w in counts if len(w) == SWAP_LENGTH and w.isascii() and w.isalpha()]
    kept = sorted(words[: args.top] + four)
    args.out.write_text("".join(f"{word}\n" for word in kept), encoding="utf-8")
    print(f"{len(kept)} common English words ({args.top} of {MIN_LENGTH}+ letters, {len(four)} of {SWAP_LENGTH}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
