"""Write tools/analyzers/common_zh.txt: the Chinese words too common to be a keyword. Reproducible.

Source: the IDF table jieba ships (jieba/analyse/idf.txt, MIT licence). A word whose inverse
document frequency is below --max-idf (default 8.0; jieba's median is ~12) appears in so many
documents that it says nothing about one user: 生活, 最近, 看看, 一段时间. Reading jieba's whole
table takes ~2 s, so the few thousand common words are shipped instead (~60 KB).

    python scripts/make_common_words.py [--max-idf 8.0] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tools" / "analyzers" / "common_zh.txt"


def main(argv: list[str] | None = None) -> int:
    import jieba.analyse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-idf", type=float, default=8.0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    source = Path(jieba.analyse.__file__).with_name("idf.txt")
    words = set()
    with open(source, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            word, _, value = line.strip().partition(" ")
            try:
                if float(value) < args.max_idf and len(word) >= 2:
                    words.add(word)
            except ValueError:
                print(f"{source}:{line_no}: skipped (no IDF value)", file=sys.stderr)
    args.out.write_text("".join(f"{word}\n" for word in sorted(words)), encoding="utf-8")
    print(f"{len(words)} common words (IDF < {args.max_idf}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
