"""Benchmark of the offline text analyzers: accuracy on held-back data, throughput, model size.

    python bench/bench_analyzers.py              # held-back test splits (the reported figures)
    python bench/bench_analyzers.py --split dev  # the non-held-back splits, for tuning lexicons

Held-back (never trained or tuned on; bench/heldback.py says which rows):
- overall sentiment: online_shopping_10_cats.dev.csv rows with numeric id % 10 == 0 (zh); SemEval
  2014/2016 sentences whose opinions agree, crc32 % 10 == 0 (en);
- price aspect: BDCI 2018 car rows with subject 价格 and zlib.crc32(text) % 10 == 0 (zh);
  SemEval 2014 restaurant sentences with the `price` category and SemEval 2016 sentences with a
  `*#PRICES` opinion, crc32 % 10 == 0 (en); ASAP test_sample.csv reviews with a price_* column,
  one verdict per review (zh).
The dev split is everything else (online_shopping id % 10 == 1, the calibration rows the model
never trained on; the other aspect rows; ASAP train/dev samples).

Price accuracy is reported three ways: 3-class (positive / neutral / negative, where "no price
aspect found" counts as neutral); polar (gold positive or negative; the prediction must have the
same sign, so a missed or neutral price counts wrong); and the sign's precision when the analyzer
does give a price verdict on a polar item. Overall accuracy: predicted label == gold label; a neutral prediction is wrong.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.heldback import ASAP_DEV, ASAP_TEST, ASPECTS, SHOPPING, aspect_held_back, shopping_bucket  # noqa: E402

PRICE_THRESHOLD = 0.1  # |price polarity| below this is neutral


def in_split(text: str, split: str) -> bool:
    return aspect_held_back(text) == (split == "test")


# --- data -------------------------------------------------------------------------------------

def shopping_rows(split: str) -> list[tuple[str, str, int]]:
    wanted = 0 if split == "test" else 1
    rows = []
    with open(SHOPPING, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if shopping_bucket(row["id"]) == wanted and row["review"]:
                rows.append((row["review"], row["cat"], int(row["label"])))
    return rows


def bdci_price(split: str) -> list[tuple[str, int]]:
    with open(ASPECTS / "bdci2018_car_train.csv", encoding="utf-8", newline="") as handle:
        return [(row["content"], int(row["sentiment_value"])) for row in csv.DictReader(handle)
                if row["subject"] == "价格" and in_split(row["content"], split)]


_POLARITY = {"positive": 1, "negative": -1, "neutral": 0}


def semeval2014_price(split: str) -> list[tuple[str, int]]:
    root = ET.parse(ASPECTS / "semeval2014_restaurants_train.xml").getroot()
    out = []
    for sentence in root.iter("sentence"):
        text = sentence.findtext("text") or ""
        for category in sentence.iter("aspectCategory"):
            if category.get("category") == "price" and category.get("polarity") in _POLARITY and in_split(text, split):
                out.append((text, _POLARITY[category.get("polarity")]))
    return out


def semeval2016_price(split: str) -> list[tuple[str, int]]:
    root = ET.parse(ASPECTS / "semeval2016_restaurants_train.xml").getroot()
    out = []
    for sentence in root.iter("sentence"):
        text = sentence.findtext("text") or ""
        polarities = {o.get("polarity") for o in sentence.iter("Opinion") if o.get("category", "").endswith("#PRICES")}
        if len(polarities) == 1 and in_split(text, split):
            polarity = polarities.pop()
            if polarity in _POLARITY:
                out.append((text, _POLARITY[polarity]))
    return out


def asap_price(split: str) -> list[tuple[str, int]]:
    """One price verdict per review: the analyzers give one, so ASAP's three price columns
    (level, cost-effectiveness, discount) are read together — a positive or negative column
    decides, all-neutral is neutral, a review whose columns disagree in sign is left out."""
    files = [ASAP_TEST] if split == "test" else list(ASAP_DEV)
    out = []
    for name in files:
        with open(ASPECTS / name, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                values = {int(row[c]) for c in ("price_level", "price_cost_effective", "price_discount")
                          if row[c] not in ("-2", "")}
                signs = values - {0}
                if values and len(signs) <= 1:
                    out.append((row["reviewbody"], signs.pop() if signs else 0))
    return out


def asap_column(split: str, column: str) -> list[tuple[str, int | None]]:
    """(review, gold) for one ASAP aspect column: -1 / 0 / +1, or None where the review does not
    mention the aspect (-2)."""
    files = [ASAP_TEST] if split == "test" else list(ASAP_DEV)
    out = []
    for name in files:
        with open(ASPECTS / name, encoding="utf-8-sig", newline="") as handle:
            out += [(row["reviewbody"], None if row[column] in ("-2", "") else int(row[column]))
                    for row in csv.DictReader(handle)]
    return out


# --- measures ---------------------------------------------------------------------------------

def sign(value: float, threshold: float = PRICE_THRESHOLD) -> int:
    return 1 if value >= threshold else -1 if value <= -threshold else 0


def price_of(analysis) -> float | None:
    for aspect in analysis.aspects:
        if aspect.aspect == "price":
            return aspect.polarity
    return None


def overall(split: str) -> None:
    from tools.analyzers import analyze_text

    rows = shopping_rows(split)
    confusion: Counter = Counter()
    by_cat: dict[str, list[int]] = {}
    sign_correct = 0
    for text, cat, gold in rows:
        result = analyze_text(text)
        gold_label = "positive" if gold else "negative"
        confusion[(gold_label, result.label)] += 1
        ok = result.label == gold_label
        by_cat.setdefault(cat, []).append(ok)
        sign_correct += (result.polarity >= 0) == bool(gold)
    total = len(rows)
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    print(f"\n== Overall sentiment, online_shopping_10_cats ({'id%10==0, held back' if split == 'test' else 'id%10==1, calibration'}): {total} reviews")
    print(f"accuracy (label == gold, neutral counts wrong): {correct / total:.4f}   sign of polarity: {sign_correct / total:.4f}")
    print("confusion (gold -> predicted):")
    for gold_label in ("positive", "negative"):
        cells = "  ".join(f"{p}={confusion[(gold_label, p)]}" for p in ("positive", "neutral", "negative"))
        print(f"  {gold_label:8} {cells}")
    print("per category: " + ", ".join(f"{cat} {sum(v) / len(v):.3f} (n={len(v)})" for cat, v in sorted(by_cat.items())))


def semeval_sentences(split: str) -> list[tuple[str, str]]:
    """SemEval 2014/2016 sentences whose opinions all agree: (text, positive|negative|neutral)."""
    out = []
    for name in ("semeval2014_restaurants_train.xml", "semeval2016_restaurants_train.xml"):
        for sentence in ET.parse(ASPECTS / name).getroot().iter("sentence"):
            text = sentence.findtext("text") or ""
            polarities = {e.get("polarity") for e in sentence.iter() if e.tag in ("aspectCategory", "Opinion")}
            if len(polarities) == 1 and polarities <= set(_POLARITY) and in_split(text, split):
                out.append((text, polarities.pop()))
    return out


def overall_en(split: str) -> None:
    from tools.analyzers import analyze_text

    rows = semeval_sentences(split)
    confusion = Counter((gold, analyze_text(text).label) for text, gold in rows)
    polar = [(g, p) for (g, p), n in confusion.items() for _ in range(n) if g != "neutral"]
    correct = sum(n for (g, p), n in confusion.items() if g == p)
    print(f"\n== Overall sentiment, English (SemEval restaurant sentences whose opinions agree, {split} split): {len(rows)}")
    print(f"3-class accuracy {correct / len(rows):.4f}; polar sentences only {sum(g == p for g, p in polar) / len(polar):.4f} (n={len(polar)})")
    print("confusion (gold -> predicted): " + "; ".join(
        f"{g}: " + " ".join(f"{p}={confusion[(g, p)]}" for p in ("positive", "neutral", "negative"))
        for g in ("positive", "neutral", "negative")))


def price(split: str) -> None:
    from tools.analyzers import analyze_text

    sources = {
        "BDCI car (zh)": bdci_price(split),
        "ASAP Dianping (zh)": asap_price(split),
        "SemEval-2014 restaurants (en)": semeval2014_price(split),
        "SemEval-2016 restaurants (en)": semeval2016_price(split),
    }
    print(f"\n== Price aspect ({split} split). 3-class: pos/neu/neg with 'not found' = neutral; polar: gold ±1 only")
    pooled3, pooled_polar, pooled_sign = [0, 0], [0, 0], [0, 0]
    confusion: Counter = Counter()
    for name, items in sources.items():
        three, polar, signs, found = [0, 0], [0, 0], [0, 0], 0
        for text, gold in items:
            polarity = price_of(analyze_text(text))
            found += polarity is not None
            predicted = sign(polarity or 0.0)
            confusion[(gold, predicted)] += 1
            three[0] += predicted == gold
            three[1] += 1
            if gold != 0:
                polar[0] += predicted == gold
                polar[1] += 1
                if predicted != 0:  # a verdict was given: is its sign right?
                    signs[0] += predicted == gold
                    signs[1] += 1
        for pooled, part in ((pooled3, three), (pooled_polar, polar), (pooled_sign, signs)):
            pooled[0] += part[0]
            pooled[1] += part[1]
        print(f"  {name:30} n={three[1]:4}  3-class {_ratio(three)}  polar {_ratio(polar)} (n={polar[1]:3})  "
              f"sign when a verdict is given {_ratio(signs)} (n={signs[1]:3})  price found {found}/{len(items)}")
    print(f"  {'combined':30} n={pooled3[1]:4}  3-class {_ratio(pooled3)}  polar {_ratio(pooled_polar)} (n={pooled_polar[1]:3})  "
          f"sign when a verdict is given {_ratio(pooled_sign)} (n={pooled_sign[1]:3})")
    print("  confusion (gold -> predicted): " + "; ".join(
        f"{g:+d}: " + " ".join(f"{p:+d}={confusion[(g, p)]}" for p in (1, 0, -1)) for g in (1, 0, -1)))


# ASAP's columns for the restaurant aspects judged on their own: column -> the analyzers' aspect id
RESTAURANT_ASPECTS = {"dish_portion": "portion", "environment_cleaness": "hygiene"}


def restaurant_aspects(split: str) -> None:
    """The portion and hygiene aspects on ASAP's Dianping reviews: how many of the reviews that rate
    the aspect ± get a verdict of that sign, how often the sign is wrong, and how many reviews that do
    not mention it get a verdict anyway."""
    from tools.analyzers import analyze_text

    print(f"\n== Restaurant aspects on ASAP ({split} split): polar = gold ±1, the verdict must have its sign")
    for column, aspect in RESTAURANT_ASPECTS.items():
        polar, wrong, claimed, unmentioned = [0, 0], 0, 0, 0
        for text, gold in asap_column(split, column):
            found = next((a.polarity for a in analyze_text(text).aspects if a.aspect == aspect), None)
            predicted = sign(found or 0.0)
            if gold is None:
                unmentioned += 1
                claimed += predicted != 0
            elif gold != 0:
                polar[0] += predicted == gold
                polar[1] += 1
                wrong += predicted == -gold
        print(f"  {column} -> {aspect:8} polar {_ratio(polar)} (n={polar[1]:3}), wrong sign {wrong}; "
              f"a verdict on {claimed} of {unmentioned} reviews that do not rate it")


def _ratio(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.3f}" if pair[1] else "  n/a"


def throughput() -> None:
    """Texts per second of CPU time (process_time: fair on a shared machine) and of wall time."""
    from tools.analyzers import analyze_text, analyze_texts
    from tools.analyzers.model import MODEL_PATHS
    from tools.analyzers.price_model import MODEL_PATHS as PRICE_MODEL_PATHS
    from tools.analyzers.text import _cut

    # Distinct real texts, so the segmentation cache helps only as much as real repetition does:
    # short = reviews of 10-30 characters (chat-line length), then reviews as they come.
    reviews = list(dict.fromkeys(text for text, _, _ in shopping_rows("dev")))
    texts = [text for text in reviews if 10 <= len(text) <= 30][:3000]
    reviews = reviews[:2000]
    analyze_text("预热")  # load resources outside the timing
    print("\n== Throughput (one process, one core)")
    for name, batch in ((f"short texts (mean {_mean_len(texts):.0f} chars)", texts),
                        (f"real reviews (mean {_mean_len(reviews):.0f} chars)", reviews)):
        _cut.cache_clear()
        cpu, wall = time.process_time(), time.perf_counter()
        analyze_texts(batch)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"  {name}: {len(batch) / cpu:,.0f} texts/s of CPU time ({len(batch) / wall:,.0f}/s wall clock)")
    paths = [*MODEL_PATHS.values(), *PRICE_MODEL_PATHS.values()]
    sizes = ", ".join(f"{path.name} {path.stat().st_size / 1024:.0f} KB" for path in paths)
    total = sum(path.stat().st_size for path in paths)
    print(f"  shipped model files: {total / 1024:.0f} KB ({sizes})")


def _mean_len(texts: list[str]) -> float:
    return sum(map(len, texts)) / len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--only", choices=["overall", "price", "restaurant", "speed"], default=None)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    from tools.analyzers import analyze_text

    analyze_text("加载")
    print(f"resources loaded in {time.perf_counter() - start:.1f} s")
    if args.only in (None, "overall"):
        overall(args.split)
        overall_en(args.split)
    if args.only in (None, "price"):
        price(args.split)
    if args.only in (None, "restaurant"):
        restaurant_aspects(args.split)
    if args.only in (None, "speed"):
        throughput()
    return 0


if __name__ == "__main__":
    sys.exit(main())
