"""Fit and check the engine's calibrated confidence on the labelled question sets.

Run from the repository root:  python tests/eval/calibration.py [--fit]

1. Every question of every set is answered with nothing held back (every candidate given),
   and each answer labelled right or wrong by the rules of ../shared/eval/score.py.
2. With --fit: isotonic regression (pool adjacent violators, numpy) of right/wrong on the raw
   evidence, per kind of answer, fitted on our own sets only; prints the table to paste into
   knowledge/answering/calibration.py.
3. A reliability table (predicted band, observed accuracy, count) for the sets fitted on and
   for those kept apart (dev2 odd ids, off-topic-dev), then each set's figures with the real
   thresholds: accuracy, wrong answers, "did you mean", and declines whose first suggestion
   is the right answer.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.cli.ask import to_json_object  # noqa: E402
from knowledge.answering import AnswerEngine, load_knowledge  # noqa: E402
from knowledge.answering.calibration import (  # noqa: E402
    DEFAULT_CALIBRATION,
    PERMISSIVE_CALIBRATION,
    SEARCH,
    STRUCTURED,
    to_evidence,
)
from knowledge.answering.text import detect_script  # noqa: E402
from knowledge.seeding import ensure_store  # noqa: E402
from knowledge.store import create_db_engine  # noqa: E402
from tests.eval.test_eval_set import judge  # noqa: E402

SETS = Path(__file__).parent
# Our own sets, and the sets written by helpers who never saw the bot once their first run is
# reported (tuned on since, so labelled like our own).
FIT_SETS = (
    "questions",
    "holdout",
    "blind",
    "chatty_own",
    "offtopic_own",
    "offtopic_own2",
    "offtopic_own3",
    "compute_own",
    *(f"unseen_{x}" for x in "abcdefghi"),
)
REPORT_SETS = ("dev", "dev2", "offtopic-dev")
BANDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
# Evidence is cut into bins of at least this many labelled answers before regression.
MIN_BIN = 12


@dataclass(frozen=True)
class Labelled:
    group: str
    path: str
    evidence: float
    right: bool


def _cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((SETS / f"{name}.json").read_text("utf-8"))
    return cases


def _group(name: str, case: dict[str, Any]) -> str:
    if name == "dev2":
        return "dev2-even" if int(str(case["id"]).rsplit("-", 1)[-1]) % 2 == 0 else "dev2-odd"
    return name


def build_engines() -> tuple[AnswerEngine, AnswerEngine]:
    folder = Path(tempfile.mkdtemp(prefix="calibration-"))
    db = create_db_engine(f"sqlite:///{folder / 'store.db'}")
    ensure_store(db)
    with Session(db) as session:
        knowledge = load_knowledge(session)
    db.dispose()
    return AnswerEngine(knowledge, PERMISSIVE_CALIBRATION), AnswerEngine(knowledge)


def label(engine: AnswerEngine, names: Sequence[str]) -> list[Labelled]:
    """Every answer the permissive engine gives, with its raw evidence and whether it is right."""
    found: list[Labelled] = []
    for name in names:
        for case in _cases(name):
            answer = engine.answer(case["q"])
            if not answer.answered or answer.intent == "help":
                continue
            right = judge(case, to_json_object(answer))
            if answer.signals:
                evidence = to_evidence(answer.signals)
                found.append(Labelled(_group(name, case), SEARCH, evidence, right))
            else:
                found.append(Labelled(_group(name, case), STRUCTURED, answer.confidence, right))
    return found


def fit_isotonic(points: Sequence[Labelled]) -> list[tuple[float, float]]:
    """Ascending (evidence lower bound, probability) steps: binned, then pooled so that the
    probability never falls as evidence rises; smoothed toward 1/2 by one pseudo-count each."""
    order = sorted(points, key=lambda p: p.evidence)
    bins: list[list[Labelled]] = []
    for point in order:
        if bins and len(bins[-1]) < MIN_BIN:
            bins[-1].append(point)
        else:
            bins.append([point])
    if len(bins) > 1 and len(bins[-1]) < MIN_BIN:
        bins[-2] += bins.pop()
    # Blocks of (lower bound, right, count), merged while a block is above the next one.
    blocks: list[list[float]] = []
    for b in bins:
        blocks.append([b[0].evidence, float(sum(p.right for p in b)), float(len(b))])
        while len(blocks) > 1 and (blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]):
            last = blocks.pop()
            blocks[-1][1] += last[1]
            blocks[-1][2] += last[2]
    steps = [(-1.0, round((blocks[0][1] + 1) / (blocks[0][2] + 2), 3))]
    steps += [(round(lo, 4), round((k + 1) / (n + 2), 3)) for lo, k, n in blocks[1:]]
    return steps


def reliability(rows: Sequence[tuple[float, bool]]) -> list[str]:
    lines = ["| predicted | mean predicted | observed right | answers |", "|---|---|---|---|"]
    predicted = np.array([p for p, _ in rows])
    right = np.array([r for _, r in rows], dtype=float)
    for lo, hi in itertools.pairwise(BANDS):
        mask = (predicted >= lo) & (predicted < hi)
        if mask.any():
            lines.append(
                f"| {lo:.1f}–{min(hi, 1.0):.1f} | {predicted[mask].mean():.2f} "
                f"| {right[mask].mean():.2f} | {int(mask.sum())} |"
            )
    return lines


def figures(engine: AnswerEngine, names: Sequence[str]) -> list[str]:
    """Per set (dev2 also by id parity and script) with the real thresholds: accuracy, wrong
    answers among those given, and how often the first suggestion of a "did you mean" or of a
    decline is the right answer (it is asked, and judged like the question)."""
    lines = [
        "| set | cases | right | wrong / answered | did you mean (1st right) "
        "| declined (1st right) |",
        "|---|---|---|---|---|---|",
    ]
    for name in names:
        groups: dict[str, list[int]] = {}
        for case in _cases(name):
            answer = engine.answer(case["q"])
            right = judge(case, to_json_object(answer))
            hint = False
            if not answer.answered and answer.suggestions and case.get("answerable", True):
                hint = judge(case, to_json_object(engine.answer(answer.suggestions[0])))
            unsure = answer.kind == "did_you_mean"
            keys = [name]
            if name == "dev2":
                script = {"hans": "zh-Hans", "hant": "zh-Hant"}.get(detect_script(case["q"]), "en")
                keys += [_group(name, case), f"{name}:{script}"]
            for key in keys:
                row = groups.setdefault(key, [0] * 7)
                row[0] += 1
                row[1] += right
                row[2] += answer.answered
                row[3] += answer.answered and not right
                row[4] += unsure
                row[5] += unsure and hint
                row[6] += not answer.answered and not unsure and hint
        for key, (n, ok, given, wrong, unsure, unsure_hint, hints) in sorted(groups.items()):
            lines.append(
                f"| {key} | {n} | {ok / n:.1%} | {wrong} / {given} ({wrong / max(given, 1):.1%}) "
                f"| {unsure} ({unsure_hint}) | {hints} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="print newly fitted tables")
    args = parser.parse_args()
    permissive, engine = build_engines()
    labelled = label(permissive, FIT_SETS + REPORT_SETS)
    fitted = {g.split("-")[0] for g in FIT_SETS}
    own = [p for p in labelled if p.group in fitted]
    if args.fit:
        for path in (SEARCH, STRUCTURED):
            steps = fit_isotonic([p for p in own if p.path == path])
            print(f"{path!r}: (" + "".join(f"({lo}, {pr}), " for lo, pr in steps) + "),")
    calibration = DEFAULT_CALIBRATION
    for title, chosen in (
        ("fitted on: " + ", ".join(FIT_SETS), own),
        (
            "kept apart: dev2 odd ids, offtopic-dev",
            [p for p in labelled if p.group in ("dev2-odd", "offtopic-dev")],
        ),
        ("tuned on: dev2 even ids", [p for p in labelled if p.group == "dev2-even"]),
    ):
        print(f"\nReliability, every candidate answered ({title})")
        rows = [(calibration.to_probability(p.path, p.evidence), p.right) for p in chosen]
        print("\n".join(reliability(rows)))
    print(
        f"\nWith the thresholds (answer ≥ {calibration.answer_min:.2f}, "
        f"did you mean ≥ {calibration.suggest_min:.2f})"
    )
    print("\n".join(figures(engine, FIT_SETS + REPORT_SETS)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
