"""Answer latency, index scaling, peak memory and cold start of staffbot, measured in process.

Run from the repository root:  .venv/bin/python benchmarks/answer.py

1. Seed store: `AnswerEngine.answer` over a fixed mix of questions (p50, p99, mean).
2. Synthetic stores of 1k, 10k and 100k entries (seed entries plus generated facts):
   `SearchIndex.search` against the naive baseline (rapidfuzz `extractOne` with `WRatio`
   over every key and body string).
3. Peak memory (tracemalloc) while building each index, and the resident set size.
4. Cold start of the `staffbot ask` command as a subprocess against a seeded store.
5. `AnswerEngine.answer` with each synthetic index swapped in. Last, because it catches
   nothing: an engine that cannot cope with entries its knowledge lacks stops the run there.

Prints figures with the goals beside them; it passes no judgement on them.
"""

from __future__ import annotations

import gc
import itertools
import math
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.composition import build_answer_engine
from knowledge.db import create_db_engine
from knowledge.engine import AnswerEngine
from knowledge.entries import build_entries
from knowledge.matching import Entry, SearchIndex, to_query_terms
from knowledge.text import normalize

RANDOM_SEED = 20230
SIZES = (1_000, 10_000, 100_000)
SEED_ANSWERS = 2_000
WARMUP_ROUNDS = 3
# Rounds over QUESTIONS for index search and engine.answer, per store size.
SEARCH_ROUNDS = {1_000: 25, 10_000: 10, 100_000: 5}
# Full-scan baseline: how many questions (one pass each), per store size.
SCAN_QUESTIONS = {1_000: 40, 10_000: 40, 100_000: 30}
COLD_RUNS = 5
COLD_QUESTION = "What is the 2023 budget for P3?"

# Synthetic vocabulary: made-up words take this share of the English word draws, spread
# over a Zipf curve, so a few are common and most are rare.
MADE_UP_WORDS = 3_000
MADE_UP_SHARE = 0.3
ONSETS = (
    "b",
    "c",
    "d",
    "f",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "cl",
    "dr",
    "gr",
    "pl",
    "st",
    "tr",
    "sh",
    "ch",
    "th",
)
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
CODAS = ("", "", "", "n", "r", "l", "m", "t", "x")

GOAL_SEED_P99_MS = 5.0
GOAL_LARGE_P99_MS = 50.0
GOAL_SPEEDUP = 5.0
GOAL_COLD_S = 1.5

# A fixed mix: budgets, computations, themes, KPIs, risks, outputs, facts, typos, declines,
# help; English, simplified and traditional Chinese.
QUESTIONS: tuple[str, ...] = (
    "What is the 2023 budget for P3?",
    "How much is allocated to cybersecurity?",
    "P3预算是多少？",
    "应急通信的预算是多少？",
    "What share of the total budget goes to P1?",
    "Which priority has the largest budget?",
    "Rank the priorities by budget",
    "P1 and P2 budget combined",
    "What is the difference between P3 and P4 budget?",
    "What is the 2019 budget for P2?",
    "How many KPIs are there in total?",
    "What are the KPIs for emergency telecommunications?",
    "P4-CYB-3",
    "网络安全有哪些关键绩效指标？",
    "What are the risks?",
    "How is the lack of qualified experts mitigated?",
    "财务风险的缓解措施是什么？",
    "What are the outputs of digital services and applications?",
    "统计的预期成果是什么？",
    "Tell me about digital transformation",
    "介绍一下资源筹措、伙伴关系和国际合作",
    "Tell me about the statistics theme",
    "When and where was the 2018 BDT management retreat held?",
    "What is the core mandate of ITU-D?",
    "Did the retreat use a SWOT analysis?",
    "What are the three blueprints from WTDC-17?",
    "务虚会是如何安排的？",
    "ITU-D的核心职责是什么？",
    "What is the purpose of the Council 2023 report on ITU capacity development and training?",
    "能力发展和培训进展报告有财务影响吗？",
    "電信發展局管理層務虛會是什麼時候在哪裡舉行的？",
    "What is the budjet for cybersecurty?",
    "How much fundng for emergancy telecoms?",
    "Whta did WTDC-17 adpot?",
    "What is the capital of France?",
    "Who won the football world cup?",
    "今天天气怎么样？",
    "What is the budget for P9?",
    "help",
    "What can you do?",
)

_EN_WORD = re.compile(r"[a-z]+")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# -- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    """Latency figures in milliseconds."""

    p50: float
    p99: float
    mean: float
    count: int

    @classmethod
    def of(cls, samples_ns: Sequence[int]) -> Stats:
        ordered = sorted(samples_ns)
        return cls(
            _nearest_rank(ordered, 50) / 1e6,
            _nearest_rank(ordered, 99) / 1e6,
            statistics.fmean(ordered) / 1e6,
            len(ordered),
        )

    def __str__(self) -> str:
        return f"p50 {_ms(self.p50)}  p99 {_ms(self.p99)}  mean {_ms(self.mean)}  (n={self.count})"


def _nearest_rank(ordered: Sequence[int], percent: float) -> int:
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def time_calls(
    call: Callable[[str], object], questions: Sequence[str], rounds: int
) -> list[tuple[str, int]]:
    """(question, nanoseconds) for every call, the questions taken round-robin."""
    clock = time.perf_counter_ns
    samples: list[tuple[str, int]] = []
    for _ in range(rounds):
        for question in questions:
            start = clock()
            call(question)
            samples.append((question, clock() - start))
    return samples


def to_stats(samples: Iterable[tuple[str, int]]) -> Stats:
    return Stats.of([ns for _, ns in samples])


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- synthetic entries ---------------------------------------------------------------------


class Vocabulary:
    """Words and Chinese character runs to write synthetic entries with, seed-like in spread."""

    def __init__(self, seed_texts: Sequence[str], rng: random.Random) -> None:
        counts = Counter(w for text in seed_texts for w in _EN_WORD.findall(text.lower()))
        seed_words = sorted(counts)
        made_up = _make_up_words(rng, MADE_UP_WORDS, exclude=set(counts))
        seed_mass = [float(counts[w]) for w in seed_words]
        zipf = [1.0 / (rank + 1) for rank in range(len(made_up))]
        scale = sum(seed_mass) * MADE_UP_SHARE / (1 - MADE_UP_SHARE) / sum(zipf)
        self.words = seed_words + made_up
        self.cum_weights = list(itertools.accumulate(seed_mass + [z * scale for z in zipf]))
        self.seed_word_count = len(seed_words)
        # Every 1–4 character substring of the seed's Chinese runs, with its multiplicity:
        # drawing uniformly from the list follows the seed's character and bigram frequencies.
        runs = [run for text in seed_texts for run in _HAN_RUN.findall(text)]
        self.zh_chunks = [
            run[i : i + n] for run in runs for n in (1, 2, 3, 4) for i in range(len(run) - n + 1)
        ]
        self.zh_chars = len({ch for run in runs for ch in run})

    def english(self, rng: random.Random, low: int, high: int) -> str:
        return " ".join(
            rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(low, high))
        )

    def chinese(self, rng: random.Random, low: int, high: int) -> str:
        return "".join(rng.choices(self.zh_chunks, k=rng.randint(low, high)))

    def make_entry(self, rng: random.Random, number: int) -> Entry:
        title_en = self.english(rng, 4, 10).capitalize()
        question_en = "What " + self.english(rng, 5, 12) + "?"
        text_en = self.english(rng, 25, 60).capitalize() + "."
        title_zh = self.chinese(rng, 4, 7)
        question_zh = self.chinese(rng, 5, 9) + "？"
        text_zh = self.chinese(rng, 20, 45) + "。"
        return Entry(
            "fact",
            f"synthetic-{number:06d}",
            (title_en, title_zh, question_en, question_zh),
            (text_en, text_zh),
        )


def _make_up_words(rng: random.Random, count: int, exclude: set[str]) -> list[str]:
    words: list[str] = []
    seen = set(exclude)
    while len(words) < count:
        syllables = rng.randint(2, 4)
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))
        word += rng.choice(CODAS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def entry_strings(entry: Entry) -> list[str]:
    return [normalize(text) for text in (*entry.key_texts, *entry.body_texts)]


# -- 1. seed store -------------------------------------------------------------------------


def bench_seed(tmp_dir: Path) -> tuple[AnswerEngine, Stats]:
    print("== 1. Seed store: AnswerEngine.answer ==")
    start = time.perf_counter()
    db_engine = create_db_engine(f"sqlite:///{tmp_dir / 'b.db'}")
    engine = build_answer_engine(db_engine)
    db_engine.dispose()
    print(
        f"store created, seeded and loaded in {time.perf_counter() - start:.2f} s: "
        f"{len(engine.index)} entries"
    )
    time_calls(engine.answer, QUESTIONS, WARMUP_ROUNDS)
    rounds = math.ceil(SEED_ANSWERS / len(QUESTIONS))
    samples = time_calls(engine.answer, QUESTIONS, rounds)
    stats = to_stats(samples)
    print(f"{len(samples)} answers over {len(QUESTIONS)} questions: {stats}")
    by_question: dict[str, list[int]] = defaultdict(list)
    for question, ns in samples:
        by_question[question].append(ns)
    slowest = sorted(by_question.items(), key=lambda item: -statistics.fmean(item[1]))[:5]
    print("slowest questions (mean):")
    for question, values in slowest:
        answer = engine.answer(question)
        print(f"  {statistics.fmean(values) / 1e6:6.2f} ms  {answer.intent:<8} {question}")
    return engine, stats


# -- 2 and 3. synthetic stores -------------------------------------------------------------


@dataclass(frozen=True)
class SizeResult:
    size: int
    build_s: float
    peak_mb: float
    tokens: int
    largest_posting: int
    search: Stats
    scan: Stats
    scan_strings: int

    @property
    def speedup(self) -> float:
        return self.scan.p99 / self.search.p99


def make_entries(seed_entries: Sequence[Entry]) -> list[Entry]:
    """The seed entries followed by enough synthetic facts for the largest store."""
    rng = random.Random(RANDOM_SEED)
    vocabulary = Vocabulary([t for e in seed_entries for t in (*e.key_texts, *e.body_texts)], rng)
    start = time.perf_counter()
    synthetic = [vocabulary.make_entry(rng, i) for i in range(max(SIZES) - len(seed_entries))]
    print(
        f"vocabulary: {vocabulary.seed_word_count} seed words + {MADE_UP_WORDS} made-up words, "
        f"{vocabulary.zh_chars} seed Chinese characters; "
        f"{len(synthetic):,} synthetic entries generated in {time.perf_counter() - start:.1f} s"
    )
    print(f"example: {synthetic[0].key_texts[0]!r} / {synthetic[0].key_texts[1]!r}")
    return [*seed_entries, *synthetic]


def bench_scale(
    seed_engine: AnswerEngine,
) -> tuple[list[SizeResult], dict[int, SearchIndex], float]:
    print("\n== 2. Synthetic stores: index search and full-scan baseline ==")
    seed_entries = build_entries(seed_engine.knowledge)
    all_entries = make_entries(seed_entries)
    start = time.perf_counter()
    strings_per_entry = [entry_strings(e) for e in all_entries]
    print(f"baseline strings normalised in {time.perf_counter() - start:.1f} s (not timed)")
    normalized = {q: normalize(q) for q in QUESTIONS}
    results: list[SizeResult] = []
    indexes: dict[int, SearchIndex] = {}
    for size in SIZES:
        print(
            f"\n-- {size:,} entries ({len(seed_entries)} seed + {size - len(seed_entries):,} "
            f"synthetic) --"
        )
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        index = SearchIndex(all_entries[:size])
        build_s = time.perf_counter() - start
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        postings = index._postings  # read only: the shape of the data
        largest = max(len(ids) for ids, _ in postings.values())
        print(
            f"index built in {build_s:.1f} s (under tracemalloc), peak {peak_mb:.0f} MB; "
            f"{len(postings):,} distinct tokens, largest posting {largest:,} entries"
        )

        def search(question: str, index: SearchIndex = index) -> object:
            return index.search(to_query_terms(normalize(question)), limit=5)

        time_calls(search, QUESTIONS, 1)
        search_stats = to_stats(time_calls(search, QUESTIONS, SEARCH_ROUNDS[size]))
        print(f"index.search  {search_stats}")

        strings = [s for per_entry in strings_per_entry[:size] for s in per_entry]

        def scan(question: str, strings: list[str] = strings) -> object:
            return process.extractOne(normalized[question], strings, scorer=fuzz.WRatio)

        count = min(SCAN_QUESTIONS[size], len(QUESTIONS))
        scan_questions = [QUESTIONS[i * len(QUESTIONS) // count] for i in range(count)]
        scan_stats = to_stats(time_calls(scan, scan_questions, 1))
        print(f"full scan     {scan_stats} over {len(strings):,} strings")
        result = SizeResult(
            size, build_s, peak_mb, len(postings), largest, search_stats, scan_stats, len(strings)
        )
        print(f"speed-up at p99, full scan / index.search: {result.speedup:.0f}x")
        results.append(result)
        indexes[size] = index
    rss = rss_mb()
    print(f"\n== 3. Memory ==\nresident set size, peak so far: {rss:.0f} MB")
    return results, indexes, rss


# -- 4. cold start -------------------------------------------------------------------------


def bench_cold_start(tmp_dir: Path) -> tuple[float, list[float]]:
    print("\n== 4. Cold start: staffbot ask as a subprocess ==")
    executable = Path(sys.executable).with_name("staffbot")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["STAFFBOT_DATA_DIR"] = str(tmp_dir / "cold")
    command = [str(executable), "ask", COLD_QUESTION]

    def run() -> tuple[float, str]:
        start = time.perf_counter()
        done = subprocess.run(
            command, env=env, cwd=tmp_dir, capture_output=True, text=True, check=True
        )
        return time.perf_counter() - start, done.stdout

    first, output = run()
    print(f"first use (create + seed): {first:.2f} s; answer: {output.strip().splitlines()[0]}")
    times = [run()[0] for _ in range(COLD_RUNS)]
    print(
        f"seeded store, {COLD_RUNS} runs: min {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})"
    )
    return first, times


# -- 5. end to end on the synthetic stores -------------------------------------------------


def bench_end_to_end(
    seed_engine: AnswerEngine, indexes: dict[int, SearchIndex], sizes: Sequence[SizeResult]
) -> None:
    """engine.answer with the big index swapped in; the knowledge stays the seed's.

    Runs last and catches nothing: synthetic entries are facts the knowledge does not hold,
    so if the engine looks one up, the exception ends the run here, after every other figure.
    """
    print("\n== 5. Synthetic stores: AnswerEngine.answer with the big index ==")
    rows: list[tuple[str, str, str]] = []
    for result in sizes:
        engine = AnswerEngine(seed_engine.knowledge)
        engine.index = indexes[result.size]
        time_calls(engine.answer, QUESTIONS, 1)
        stats = to_stats(time_calls(engine.answer, QUESTIONS, SEARCH_ROUNDS[result.size]))
        speedup = result.scan.p99 / stats.p99
        print(f"{result.size:>7,} entries: {stats}; full scan / answer at p99: {speedup:.0f}x")
        large = result.size == max(SIZES)
        label = f"{result.size // 1000}k"
        rows += [
            (
                f"{label}: `answer` p50 / p99",
                f"{_ms(stats.p50)} / {_ms(stats.p99)}",
                f"p99 ≤ {GOAL_LARGE_P99_MS:g} ms" if large else "",
            ),
            (
                f"{label}: speed-up at p99 (full scan / answer)",
                f"{speedup:.0f}×",
                f"≥ {GOAL_SPEEDUP:g}×" if large else "",
            ),
        ]
    print()
    print_rows(rows)


# -- report --------------------------------------------------------------------------------


def print_rows(rows: Sequence[tuple[str, str, str]]) -> None:
    header = ("Measure", "Figure", "Goal")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(3)]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")


def print_summary(
    seed: Stats, sizes: Sequence[SizeResult], rss: float, first: float, cold: Sequence[float]
) -> None:
    rows: list[tuple[str, str, str]] = [
        (
            f"Seed store ({len(QUESTIONS)} questions), `answer` p50 / p99 / mean",
            f"{_ms(seed.p50)} / {_ms(seed.p99)} / {_ms(seed.mean)}",
            f"p99 ≤ {GOAL_SEED_P99_MS:g} ms",
        ),
    ]
    for r in sizes:
        label = f"{r.size // 1000}k"
        large = r.size == max(SIZES)
        rows += [
            (
                f"{label}: `index.search` p50 / p99",
                f"{_ms(r.search.p50)} / {_ms(r.search.p99)}",
                f"p99 ≤ {GOAL_LARGE_P99_MS:g} ms" if large else "",
            ),
            (f"{label}: full scan p50 / p99", f"{_ms(r.scan.p50)} / {_ms(r.scan.p99)}", ""),
            (
                f"{label}: speed-up at p99 (full scan / search)",
                f"{r.speedup:.0f}×",
                f"≥ {GOAL_SPEEDUP:g}×" if large else "",
            ),
        ]
    rows += [
        (
            "Index build, 1k / 10k / 100k (under tracemalloc)",
            " / ".join(f"{r.build_s:.1f} s" for r in sizes),
            "",
        ),
        (
            "Peak traced memory building the index, 1k / 10k / 100k",
            " / ".join(f"{r.peak_mb:.0f} MB" for r in sizes),
            "",
        ),
        ("Resident set size, peak", f"{rss:.0f} MB", ""),
        ("First use, `staffbot ask` (create + seed)", f"{first:.2f} s", ""),
        (
            "Cold `staffbot ask`, min / median",
            f"{min(cold):.2f} s / {statistics.median(cold):.2f} s",
            f"≤ {GOAL_COLD_S:g} s",
        ),
    ]
    print("\n== Summary ==")
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.machine()}"
    )
    print_rows(rows)


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="staffbot-bench-") as tmp:
        tmp_dir = Path(tmp)
        seed_engine, seed = bench_seed(tmp_dir)
        sizes, indexes, rss = bench_scale(seed_engine)
        first, cold = bench_cold_start(tmp_dir)
        print_summary(seed, sizes, rss, first, cold)
        bench_end_to_end(seed_engine, indexes, sizes)
    print(f"\n(benchmark ran in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
