"""The question sets in tests/eval (ours, and those copied from ../shared/eval), scored in
process like ../shared/eval/score.py."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from bot.cli.ask import to_json_object
from knowledge.answering import AnswerEngine

CASES = Path(__file__).with_name("questions.json")
HOLDOUT_CASES = Path(__file__).with_name("holdout.json")
BLIND_CASES = Path(__file__).with_name("blind.json")
# The third set, written blind at the end of a session (82.7% then, 90.7% after the general
# fixes it exposed, 88.7% with calibrated confidence, 89.3% once frame words were no missing
# evidence, 96.7% now): a guard against regressions.
BLIND_MIN_ACCURACY = 0.95
DEV_CASES = Path(__file__).with_name("dev.json")  # copied from ../shared/eval
# Copied from ../shared/eval too, dev2 not at 95% yet: guarded against regressions at the
# accuracy reached (raise the floor as the misses are fixed).
FLOOR_CASES = [
    (Path(__file__).with_name("dev2.json"), 0.97),  # 85.1% when copied in, 97.5% now
    (Path(__file__).with_name("offtopic-dev.json"), 1.0),
]
MIN_ACCURACY = 0.95

_SEPARATOR = re.compile(r"(?<=\d)[,\u00a0\u202f '’](?=\d{3}(?!\d))")
_NUMERIC = re.compile(r"^[\d.]+%?$")


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    previous = None
    while previous != text:
        previous, text = text, _SEPARATOR.sub("", text)
    return re.sub(r"\s+%", "%", text)


def _contains(text: str, expected: str) -> bool:
    needle = _normalize(expected)
    if _NUMERIC.match(needle):
        return re.search(r"(?<![\d.])" + re.escape(needle) + r"(?![\d])", text) is not None
    return needle in text


def judge(case: dict[str, Any], reply: dict[str, Any]) -> bool:
    """The scoring rules of ../shared/eval/score.py, for one case."""
    answered = bool(reply["answered"])
    text = _normalize(reply["text"])
    mode = case.get("answerable", True)
    if mode is False:
        return not answered
    if mode == "qualified" and not answered:
        return True
    if not answered:
        return False
    return (
        all(_contains(text, s) for s in case.get("all", []))
        and all(any(_contains(text, s) for s in group) for group in case.get("any", []))
        and not any(_contains(text, s) for s in case.get("none", []))
    )


def _score(engine: AnswerEngine, cases: list[dict[str, Any]]) -> tuple[float, dict[str, list[str]]]:
    failures: dict[str, list[str]] = defaultdict(list)
    passed = 0
    for case in cases:
        if judge(case, to_json_object(engine.answer(case["q"]))):
            passed += 1
        else:
            failures[case.get("cat", "?")].append(f"{case['id']}: {case['q']}")
    return passed / len(cases), dict(failures)


def test_own_question_set_scores_at_least_95_percent(answer_engine: AnswerEngine) -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    accuracy, failures = _score(answer_engine, cases)
    assert accuracy >= MIN_ACCURACY, failures
    for lang in ("en", "zh"):
        subset = [c for c in cases if c["lang"] == lang]
        assert _score(answer_engine, subset)[0] >= MIN_ACCURACY, lang


def test_blind_question_set_does_not_regress(answer_engine: AnswerEngine) -> None:
    cases = json.loads(BLIND_CASES.read_text(encoding="utf-8"))
    accuracy, failures = _score(answer_engine, cases)
    assert accuracy >= BLIND_MIN_ACCURACY, failures


def test_every_out_of_scope_case_is_declined(answer_engine: AnswerEngine) -> None:
    cases = [
        c for c in json.loads(CASES.read_text(encoding="utf-8")) if c.get("answerable") is False
    ]
    assert _score(answer_engine, cases) == (1.0, {})


def test_development_set_scores_at_least_95_percent(answer_engine: AnswerEngine) -> None:
    cases = json.loads(DEV_CASES.read_text(encoding="utf-8"))
    accuracy, failures = _score(answer_engine, cases)
    assert accuracy >= MIN_ACCURACY, failures


# Sets written before the session that tuned on them (issue 13): guards at what they score
# now (off-topic 97.5% declined, chatty 100%), so that a regression shows.
# compute_own.json: computations, definitions and lists, written before they were tuned
# (56.7% then, 100% after). offtopic_own2.json: ordinary off-topic questions in the three
# scripts, written after the first off-topic work and before counts had to count what is
# asked and questions about what comes next had to find a later date (65% then, 97.5% after).
OWN_SETS_MIN_ACCURACY = {
    "offtopic_own.json": 0.97,
    "offtopic_own2.json": 1.0,
    # Written after those changes and before places, "who won" and 电子邮件 were read: 83.3%
    # then (a population, a future year's KPIs and a city still answered), 93.3% after, 100%
    # once a term only mentioned was no definition.
    "offtopic_own3.json": 1.0,
    "chatty_own.json": 0.95,
    "compute_own.json": 1.0,
    # Written by helpers that saw only the five documents, never the bot, in the session of
    # 2026-12-04; first runs: A 87.3% (7.7% of answers wrong), B 88.2% (15.7% wrong, mostly
    # off-topic answered), C 87.5% (12.0%), D 85.8% (5.4%); tuned on since (one expectation
    # of A corrected: 平臺 is the traditional form the bot writes for 平台).
    "unseen_a.json": 0.99,
    "unseen_b.json": 0.99,
    "unseen_c.json": 0.98,
    "unseen_d.json": 0.97,
    # Written last, run once before any change (90.0%, 5.6% of answers wrong; English 89.1%,
    # simplified 95.0%, traditional 85.7%; 94.3% of off-topic declined), then tuned on.
    "unseen_e.json": 0.99,
    # Written the same way in the session after (F a mix as staff ask; G the documents' less
    # obvious passages; H all five documents evenly, two-part questions), each run once before
    # the changes it prompted: F 90.0% (3.4% wrong), G 78.5% (11.9%), H 73.8% (15.9%).
    "unseen_f.json": 0.98,
    "unseen_g.json": 0.96,
    "unseen_h.json": 0.97,
    # Written during the session and kept sealed until its end, then run once: 87.1% (6.5% of
    # answers wrong; English 86.7%, simplified 92.9%, traditional 81.6%; 35 of 38 off-topic
    # declined); tuned on after that run.
    "unseen_i.json": 0.97,
    # The session after: L (traditional Chinese most; KPIs, risks, retreat, definitions) run
    # once before the changes it prompted: 90.8% (5.3% of answers wrong; English 89.1%,
    # simplified 89.7%, traditional 93.3%; 29 of 31 off-topic declined).
    "unseen_l.json": 0.97,
    # The session after that: N (a mix as staff type; run once at the session's start, after
    # only the first changes: 90.8%, 3 of 98 answers wrong; English 93.6%, simplified 87.1%,
    # traditional 88.9%; 23 of 25 off-topic declined) and O (narrative passages, two-part
    # questions, computations; run once when it arrived: 85.4%, 7 of 95 answers wrong; English
    # 84.1%, simplified 80.0%, traditional 87.1%; 23 of 25 off-topic declined); tuned on since.
    "unseen_n.json": 0.96,
    "unseen_o.json": 0.96,
    "unseen_p.json": 0.95,
    # The seventh session: Q (130; chatty, paraphrased, English most) run once when it
    # arrived, after the session's first two changes: 81.5%, 4 of 90 answers wrong (English
    # 71.2%, simplified 91.9%, traditional 100%; 20 of 20 off-topic declined); tuned on since.
    "unseen_q.json": 0.96,
    # The eighth session: R (130; computations, KPIs, definitions, lists, plans; 65 English,
    # 30 simplified, 15 traditional, 20 off-topic) run once when it arrived, after the
    # session's first changes: 90.0%, 3 of 100 answers wrong (English 86.2% of 65
    # answerable, simplified 86.7%, traditional 100%; 20 of 20 off-topic declined); tuned on
    # since.
    "unseen_r.json": 0.97,
    # The ninth session: S (65; written by a helper from the five documents only; 32 English,
    # 14 simplified, 9 traditional answerable, 10 off-topic) run once when it arrived, after
    # the session's first changes: 93.8%, 0 of 51 answers wrong (English 30 of 32 answerable,
    # simplified 12 of 14, traditional 9 of 9; 10 of 10 off-topic declined); tuned on since.
    "unseen_s.json": 0.98,
    # And S3 (60; 26 English, most chatty; 12 simplified, 12 traditional, 10 off-topic), run
    # once when it arrived, near the session's end: 90.0%, 2 of 47 answers wrong (an
    # off-topic headcount answered with a sum; the enablers listed without E6, E7); English
    # 22 of 26 answerable, simplified 11 of 12, traditional 12 of 12; 9 of 10 off-topic
    # declined; tuned on since.
    "unseen_s3.json": 0.98,
    # The tenth session (2026-12-05, third): X (70; 36 English, 12 simplified, 10
    # traditional answerable, 12 off-topic; written by a helper from the documents only),
    # run once when it arrived, after the session's first two changes: 95.7%, 2 of 57
    # answers wrong (10% of P3 after "Quick maths please:", new users of two periods
    # added); Y (70; the documents beyond the budget table; same mix) run once when it
    # arrived, near the session's middle: 88.6%, 3 of 53 wrong (English 82.9%); Z (60;
    # chatty English, most with two questions; 30 English, 10 simplified, 10 traditional
    # answerable, 10 off-topic) run once when it arrived: 75.0%, 8 of 44 wrong (English
    # 67.6%); tuned on since.
    "unseen_x.json": 0.99,
    "unseen_y.json": 0.95,
    "unseen_z.json": 0.91,
    # The eleventh session (2026-12-05, fourth): U (70; a mix over the five documents; 36
    # English, 12 simplified, 10 traditional answerable, 12 off-topic), V (60; chatty
    # English, a third with two questions; 32 English, 9 simplified, 9 traditional, 10
    # off-topic) and W (66; Chinese most: 20 simplified, 20 traditional, 14 English, 12
    # off-topic), written by helpers from the documents only and run once when they arrived,
    # after the session's first two changes: U 91.4% (2 of 55 answers wrong), V 85.0% (4 of
    # 47 wrong; English 25 of 32 answerable), W 92.4% (1 of 50 wrong); tuned on since.
    "unseen_u.json": 0.98,
    "unseen_v.json": 0.93,
    "unseen_w.json": 0.95,
    # And K (70; 20 off-topic that reuse the documents' names closely; 26 English, 12
    # simplified, 12 traditional answerable) and M (64; English paraphrased away from the
    # documents' words: 40 English, 7 simplified, 7 traditional, 10 off-topic), run once
    # when they arrived, at the session's middle: K 88.6% (4 of 48 answers wrong), M 67.2%
    # (5 of 39 wrong; English 20 of 40 answerable); tuned on since.
    "unseen_k.json": 0.95,
    "unseen_m.json": 0.75,
    # And J (64; a mix as staff type; 34 English, 10 simplified, 10 traditional, 10
    # off-topic) and T (60; the narrative passages; 20 English, 15 simplified, 15
    # traditional, 10 off-topic), run once when they arrived, late in the session: J 96.9%
    # (1 of 53 answers wrong), T 93.3% (1 of 47 wrong); tuned on since.
    "unseen_j.json": 0.98,
    "unseen_t.json": 0.93,
    # And AA (70; the last of the session, a mix of every kind: 34 English, 12 simplified,
    # 12 traditional, 12 off-topic), run once on the session's last changes: 87.1% (2 of 51
    # answers wrong; English 27 of 34 answerable).
    "unseen_aa.json": 0.88,
    # The twelfth session (2026-12-05, fifth): AB (70; a staff mix: 35 English, 18
    # simplified, 17 traditional, 12 off-topic), AC (64; chatty English: 56 English, 8
    # Chinese, 8 off-topic), AD (64; Chinese most: 27 simplified, 26 traditional, 11
    # English, 10 off-topic) and AE (66; answerability: 26 off-topic questions sharing the
    # documents' words beside 40 of the same shape they answer), written by helpers from the
    # documents only and run once on the session's first commit before any change: AB 94.3%
    # (0 of 53 answers wrong), AC 81.2% (3 of 46 wrong; English 36 of 48 answerable), AD
    # 85.9% (1 of 46 wrong), AE 93.9% (1 of 38 wrong); tuned on since.
    "unseen_ab.json": 0.95,
    "unseen_ac.json": 0.90,
    "unseen_ad.json": 0.93,
    "unseen_ae.json": 0.96,
    # AG (64; English in staff's own words: 44 English, 12 Chinese answerable, 8 off-topic),
    # AH (64; traditional Chinese most, computations, definitions, which line has a KPI) and
    # AF (64; two-part English most), written the same way and run once when they arrived, on
    # eef3888: AG 79.7% (6 of 49 answers wrong; English 33 of 44 answerable), AH 89.1% (3 of
    # 50 wrong), AF 87.5% (3 of 51 wrong); tuned on since.
    "unseen_ag.json": 0.87,
    "unseen_ah.json": 0.89,
    "unseen_af.json": 0.87,
    # AI (70; a mix of every kind: 35 English, 18 simplified, 17 traditional, 12 off-topic),
    # run once when it arrived, on f93f0e8: 97.1% (1 of 57 answers wrong: E5's KPIs asked
    # with its name glossed after a dash had been P2's innovation theme's); tuned on since.
    "unseen_ai.json": 0.98,
    # AJ (70; the narrative documents most), AK (66; a realistic mix) and AL (66; numbers),
    # written during the session and kept sealed until its last engine commit but one, then
    # run once: AJ 90.0% (4 of 57 answers wrong), AK 84.8% (1 of 45), AL 93.9% (2 of 51); one
    # change made from their wrong answers since (a spender, deaths, a login).
    "unseen_aj.json": 0.92,
    "unseen_ak.json": 0.86,
    "unseen_al.json": 0.93,
    # AM (66; KPIs, budgets and the narrative documents), AN (66; English in staff's own
    # words), AO (66; Chinese most) and AP (66; a week's mix), written the same way in the
    # sixth session of 2026-12-05 and run once when they arrived, on 1fe2fbf: AM 90.9% (3 of
    # 51 answers wrong), AN 86.4% (3 of 48), AO 80.3% (4 of 45), AP 93.9% (2 of 49); tuned on
    # since.
    "unseen_am.json": 0.92,
    "unseen_an.json": 0.92,
    "unseen_ao.json": 0.87,
    "unseen_ap.json": 0.96,
    # AS (66; definitions, lists, which line has a KPI, two-part, polite) and AT (66;
    # computations, Chinese most), run once on 236569f: AS 86.4% (7 of 52 answers wrong), AT
    # 87.9% (4 of 50); tuned on since.
    "unseen_as.json": 0.98,
    "unseen_at.json": 0.87,
    # AU (66; several questions in one message) and AV (66; the narrative documents), run
    # once on 62f1539: AU 80.3% (7 of 48 answers wrong), AV 81.8% (1 of 43); tuned on since.
    "unseen_au.json": 0.92,
    "unseen_av.json": 0.84,
    # AQ (70; a mix) and AR (70; busy staff: abbreviations, typos, Cantonese), written in the
    # same session and kept sealed until its last engine commit but one (8f44be1), then run
    # once: AQ 97.1% (0 of 56 answers wrong), AR 78.6% (6 of 51); one change since ("thru").
    "unseen_aq.json": 0.97,
    "unseen_ar.json": 0.92,
    # The session of 2026-12-06: AW (66; a week's mix) and AX (66; managers in a hurry, the
    # narrative documents), written by helpers that saw only the documents, run once on the
    # session's start (219e01c): AW 92.4% (2 of 53 answers wrong), AX 80.3% (4 of 48).
    "unseen_aw.json": 0.96,
    "unseen_ax.json": 0.96,
    # BA (66; busy staff's shorthand, Cantonese) and BB (66; answers that name something,
    # two-part questions), run once on 1848db9: BA 78.8% (1 of 43 answers wrong), BB 80.3%
    # (1 of 44).
    "unseen_ba.json": 0.92,
    "unseen_bb.json": 0.87,
    # AY, AZ (70 each; a mix, and details, definitions and two-part questions) run once on the
    # session's start (92.9%, 0 of 55 wrong; 88.6%, 3 of 54) and sealed, then once on its last
    # engine commit (7aeb0cb): 92.9% and 90.0% (2 of 54 wrong); BC, BD (70 each; a week's mix,
    # Chinese-speaking colleagues and managers) sealed and run once on 7aeb0cb: 91.4% (1 of 54
    # wrong), 92.9% (2 of 56).
    "unseen_ay.json": 0.97,
    "unseen_az.json": 0.92,
    "unseen_bc.json": 0.95,
    "unseen_bd.json": 0.92,
    # The second session of 2026-12-06: BE (66; a week's mix) and BF (66; managers and
    # newcomers: now, when, who, what is, two-part), run once on its start (3059d7f): BE 93.9%
    # (1 of 54 answers wrong), BF 87.9% (2 of 49).
    "unseen_be.json": 0.98,
    "unseen_bf.json": 0.95,
    # BI (66; regional highlights, the Academy, who/when/how many, Cantonese) and BJ (66;
    # budgets and KPIs for managers), run once on dcb97bf: BI 89.4% (1 of 50 answers wrong),
    # BJ 93.9% (2 of 55).
    "unseen_bi.json": 0.98,
    "unseen_bj.json": 0.98,
    # BG (70; a week's mix over all five documents) and BH (70; Chinese-speaking colleagues,
    # exact figures), sealed until the session's last engine commit (7e4e0e8) and run once on
    # it: BG 91.4% (1 of 55 answers wrong), BH 95.7% (1 of 58).
    "unseen_bg.json": 0.94,
    "unseen_bh.json": 0.97,
    # The session of 2026-12-06 (third): BK (66; a programme officer's week: budgets, KPIs,
    # risks, plans, computations) and BL (66; definitions, who, when, how many, lists), run
    # once on its start (301b08e): BK 90.9% (3 of 53 answers wrong), BL 89.4% (3 of 53).
    "unseen_bk.json": 0.95,
    "unseen_bl.json": 0.96,
    # BO (66; English-speaking staff in their own words) and BP (66; the less obvious passages
    # and ordinary off-topic questions), run once on 79fb724: BO 90.9% (1 of 51 answers wrong),
    # BP 90.9% (2 of 53).
    "unseen_bo.json": 0.95,
    "unseen_bp.json": 0.93,
    # BM (70; regional offices' week over all five documents) and BN (70; Chinese-speaking
    # colleagues, exact figures, comparisons, lists), sealed until the session's last engine
    # commit (3bcdf31) and run once on it: BM 88.6% (2 of 55 answers wrong), BN 90.0% (4 of 57).
    "unseen_bm.json": 0.9,
    "unseen_bn.json": 0.94,
    # The fourth session of 2026-12-06, written the same way: BQ (66; a team lead's quarterly
    # review) and BR (66; the narrative passages), run once on its start (2d0503e): BQ 93.9%
    # (1 of 53 answers wrong, an expectation the answer meets in other words), BR 93.9% (2 of
    # 56); BU (66; English-speaking staff in their own words) and BV (66; a third off-topic
    # questions that reuse the documents' names), run once on 274a73d: BU 86.4% (3 of 51), BV
    # 86.4% (8 of 48); BW (66; managers' briefings) and BX (66; Chinese most, Cantonese), run
    # once on b588d60: BW 89.4% (3 of 52), BX 90.9% (2 of 52); tuned on since.
    "unseen_bq.json": 0.96,
    "unseen_br.json": 0.96,
    "unseen_bu.json": 0.92,
    "unseen_bv.json": 0.95,
    "unseen_bw.json": 0.92,
    "unseen_bx.json": 0.92,
    # BS (70; a week across BDT over all five documents) and BT (70; Chinese-speaking
    # colleagues: exact figures, comparisons, lists), sealed until 7f1631b and run once on it:
    # BS 94.3% (0 of 56 answers wrong), BT 94.3% (0 of 56).
    "unseen_bs.json": 0.95,
    "unseen_bt.json": 0.94,
    # The fifth session of 2026-12-06 (a reset machine), written the same way and run once on
    # its start (0491f23): BY (66; a new programme officer's first month) 92.4% (1 of 52
    # answers wrong), BZ (66; messages pasted from chat threads, leading context clauses)
    # 84.8% (2 of 49); tuned on since.
    "unseen_by.json": 0.92,
    "unseen_bz.json": 0.96,
    # CC (66; a regional office colleague) and CD (66; a finance and planning officer), run
    # once on 913f181: CC 81.8% (2 of 45 answers wrong), CD 97.0% (1 of 55).
    "unseen_cc.json": 0.83,
    "unseen_cd.json": 0.98,
    # CE (66; ITU Academy, capacity development and HR staff) and CF (66; senior managers,
    # two things at once, wrong premises), run once on 6f0fb70: CE 90.9% (2 of 52 answers
    # wrong), CF 66.7% (6 of 41).
    "unseen_ce.json": 0.93,
    "unseen_cf.json": 0.68,
    # CA (70; a normal week over all five documents) and CB (70; Chinese-speaking colleagues),
    # sealed until the session's last engine commit (35db9af) and run once on it: CA 95.7% (0
    # of 56 answers wrong), CB 97.1% (2 of 60).
    "unseen_ca.json": 0.95,
    "unseen_cb.json": 0.97,
    # The sixth session of 2026-12-06 (a reset machine): CG (68; a regional office project
    # manager's quarterly report) and CH (68; messages typed on a phone: shorthand, English
    # inside Chinese, two questions with only a space between them), run once on its start
    # (aecd80c): CG 98.5% (0 of 57 answers wrong), CH 91.2% (4 of 56); tuned on since.
    "unseen_cg.json": 0.98,
    "unseen_ch.json": 0.98,
    # CK (68; a director's office preparing briefings: computations, two questions in one) and
    # CL (68; new staff's first weeks, 20 of them off-topic), run once on 89b5795: CK 92.6% (3
    # of 56 answers wrong), CL 92.6% (3 of 47; 18 of 20 off-topic declined); tuned on since.
    "unseen_ck.json": 0.94,
    "unseen_cl.json": 0.98,
    # CM (68; ITU Academy, DTC and regional colleagues: events, programmes, when and where,
    # how long, what it cost), run once on f78d2dc: 85.3% (1 of 49 answers wrong; most misses
    # two questions in one with the second declined); tuned on since.
    "unseen_cm.json": 0.89,
    # CI (70; an ordinary week over all five documents) and CJ (70; Chinese-speaking
    # colleagues), sealed until the session's last engine commit (b4bbd69) and run once on it:
    # CI 91.4% (1 of 56 answers wrong), CJ 97.1% (1 of 59).
    "unseen_ci.json": 0.91,
    "unseen_cj.json": 0.97,
    # The seventh session of 2026-12-06 (a reset machine): CN (72; Hong Kong, Macau and
    # Taiwan colleagues in budget and planning, half in traditional script) and CO (70; busy
    # managers' quick messages, two things at once, 14 off-topic), run once on its start
    # (f10ce5c): CN 95.8% (1 of 61 answers wrong), CO 88.6% (4 of 49); tuned on since.
    "unseen_cn.json": 0.98,
    "unseen_co.json": 0.97,
    # CR (70; staff preparing for meetings and events: when, where, who organised, how long)
    # and CS (72; short, imperfect questions, English and Chinese mixed, things named
    # loosely), run once on 61ec7a8: CR 90.0% (2 of 55 answers wrong), CS 84.7% (6 of 59;
    # 8 of 11 off-topic declined); tuned on since.
    "unseen_cr.json": 0.92,
    "unseen_cs.json": 0.91,
    # CP (71; an ordinary week over all five documents) and CQ (73; Chinese-speaking
    # colleagues, long polite questions, 35% traditional), sealed until the session's last
    # engine commit (9a5aa54) and run once on it: CP 91.5% (0 of 54 answers wrong), CQ 89.0%
    # (4 of 58).
    "unseen_cp.json": 0.91,
    "unseen_cq.json": 0.89,
    # The eighth session of 2026-12-06's sets, written by helpers who saw only the documents:
    # CT (71; newcomers: what things are, names half-remembered), CU (70; finance officers
    # computing: differences, multiples, shares, averages, per-thing figures) and CV (70;
    # typed fast on a phone: shorthand, typos, English and Chinese mixed, Taiwan wording),
    # run once on 60ebc56: CT 85.9% (5 of 55 answers wrong), CU 80.0% (8 of 52), CV 82.9%
    # (4 of 50); tuned on since.
    "unseen_ct.json": 0.94,
    "unseen_cu.json": 0.87,
    "unseen_cv.json": 0.95,
    # CW (72; an ordinary week over all five documents) and CX (74; a briefing for a visiting
    # delegation, 20% off-topic), sealed until 0cba911 and run once on it: CW 97.2% (0 of 59
    # answers wrong), CX 87.8% (4 of 55).
    "unseen_cw.json": 0.97,
    "unseen_cx.json": 0.89,
    # The session of 2026-12-07: CY two or three questions in one message, CZ colleagues in
    # Hong Kong and Taiwan (half traditional Chinese), DA KPI owners preparing a mid-year
    # review; each run once on 949263c before the changes it prompted: CY 88.5% (2 of 59
    # answers wrong), CZ 90.0% (0 of 52), DA 90.3% (2 of 55).
    "unseen_cy.json": 0.92,
    "unseen_cz.json": 0.97,
    "unseen_da.json": 0.94,
    # Written in the same session after the first fixes, run once on 95c65cf: DD computations
    # and lists 94.4% (1 of 58 answers wrong), DE newcomers asking what things are and who
    # does what 75.3% (5 of 51 wrong).
    "unseen_dd.json": 0.94,
    "unseen_de.json": 0.83,
    # Sealed until 77ca124, the session's last engine commit, and run once on it: DB (an
    # ordinary week over all five documents) 100% (0 of 59 answers wrong), DC (regional and
    # area offices, 20% off-topic) 87.7% (3 of 53).
    "unseen_db.json": 1.0,
    "unseen_dc.json": 0.87,
    # Written at the start of the tenth session (2026-12-07) and run once on its start
    # (35de1a5): DF a manager's briefing 94.6% (1 of 60 answers wrong), DG risks, plans and
    # lessons 73.3% (9 of 55), DH definitions and acronyms 86.1% (3 of 54), DI chat typing
    # (typos, short, rambling, mixed languages) 80.0% (2 of 51).
    # (after the session's fixes: 98.6%, 77.3% (5 of 53 wrong), 95.8%, 86.7%)
    "unseen_df.json": 0.98,
    "unseen_dg.json": 0.77,
    "unseen_dh.json": 0.95,
    "unseen_di.json": 0.86,
    # Sealed until 917d74c, the session's last engine commit, and run once on it: DJ (an
    # ordinary month over all five documents) 91.9% (0 of 56 answers wrong), DK (regional
    # offices and field projects, 35% traditional) 93.3% (2 of 60).
    "unseen_dj.json": 0.91,
    "unseen_dk.json": 0.93,
    # Written at the start of the eleventh session (2026-12-07) and run once on its start
    # (de62198): DL a newcomer's first weeks 85.5% (3 of 54 answers wrong), DM a finance
    # officer's computations 88.2% (4 of 60), DN KPIs and outputs, 35% traditional 72.7% (5 of
    # 51), DO dates, events and places 88.5% (4 of 64); written during it and run once on
    # 846661e: DR risks, plans and why 79.3% (8 of 61), DS near misses, 31% off-topic 90.7% (5 of
    # 55). (After the session's fixes: 90.8%, 92.1%, 88.3%, 91.0%, 82.9%, 94.7%.)
    "unseen_dl.json": 0.90,
    "unseen_dm.json": 0.92,
    "unseen_dn.json": 0.88,
    "unseen_do.json": 0.91,
    "unseen_dr.json": 0.82,
    "unseen_ds.json": 0.94,
    # Sealed until f8fcdda, the session's last engine commit, and run once on it: DP (an
    # ordinary month over all five documents, lists and why) 83.3% (4 of 58 answers wrong), DQ
    # (chat typing, Cantonese, 35% traditional) 88.2% (2 of 57).
    "unseen_dp.json": 0.83,
    "unseen_dq.json": 0.88,
    # Written at the start of the twelfth session (2026-12-07) and run once on its start
    # (8552526): DT a programme officer preparing a meeting, half chatty 94.7% (3 of 63 answers
    # wrong), DU an Asia-Pacific office in traditional Chinese 89.5% (2 of 61), DV near misses,
    # 40% off-topic 96.1% (2 of 46), DW definitions, acronyms, lists and figures inside facts
    # 82.9% (7 of 64); written during it and run once on 00969e0: DZ lists and reasons 80.3% (9
    # of 63), EA computations in staff's words 69.7% (5 of 52). (After the session's fixes:
    # 97.4%, 96.1%, 96.1%, 90.8%, 84.2%, 86.8%.)
    "unseen_dt.json": 0.97,
    "unseen_du.json": 0.96,
    "unseen_dv.json": 0.96,
    "unseen_dw.json": 0.90,
    "unseen_dz.json": 0.84,
    "unseen_ea.json": 0.86,
    # Sealed until 24b16e0, the session's last engine commit, and run once on it: DX an
    # ordinary mix in dev2's proportions 93.4% (1 of 66 answers wrong), DY a manager's busy week,
    # typing fast 92.1% (4 of 65).
    "unseen_dx.json": 0.93,
    "unseen_dy.json": 0.92,
    # The thirteenth session (2026-12-07, second; a reset machine): EB (76; reasons and
    # purposes, short lists; half chatty), EC (76; a finance officer computing from the table
    # and from figures in facts), ED (76; Hong Kong and Taiwan colleagues, 30 traditional:
    # definitions, who/when/where, which line owns a KPI) and EE (76; near misses, 20
    # off-topic reusing the documents' names), written by helpers from the documents only and
    # run once on the session's start (70dc328): EB 80.3% (8 of 59 answers wrong), EC 68.4%
    # (9 of 51), ED 89.5% (2 of 61), EE 94.7% (3 of 58); tuned on since.
    "unseen_eb.json": 0.81,
    "unseen_ec.json": 0.82,
    "unseen_ed.json": 0.96,
    "unseen_ee.json": 0.97,
    # EF (76; an ordinary week's mix) and EG (76; busy managers on a phone: shorthand, two
    # questions in a message, "its budget"), sealed until the session's last engine commit
    # (664474f) and run once on it: EF 89.5% (3 of 63 answers wrong), EG 69.7% (10 of 53;
    # most a second question of a message left unanswered); tuned on since.
    "unseen_ef.json": 0.92,
    "unseen_eg.json": 0.78,
    # EH (76; an ordinary week over all five documents) and EI (76; Chinese-speaking colleagues
    # and English-speaking managers, two things in a message), written during the session and
    # sealed until 1b32f62, then run once: EH 94.7% (1 of 64 answers wrong), EI 89.5% (4 of
    # 63); changes made from their misses since ("costing", a budget with a KPI count, 成個).
    "unseen_eh.json": 0.96,
    "unseen_ei.json": 0.92,
    # The fourteenth session (2026-12-07, third; a reset machine): EJ (76; an ordinary week's
    # mix) and EK (76; newcomers asking what things are and why, a third traditional), written
    # by helpers from the documents only and run once on the session's start (a8a150c): EJ
    # 92.1% (3 of 60 answers wrong), EK 86.8% (4 of 57); EN (76; Hong Kong and Taiwan
    # colleagues, 24 traditional) and EO (76; 30 off-topic reusing the documents' names), run
    # once on ac2e47f: EN 96.1% (2 of 61), EO 96.1% (0 of 43, every off-topic one declined);
    # tuned on since.
    "unseen_ej.json": 0.98,
    "unseen_ek.json": 0.94,
    "unseen_en.json": 1.0,
    "unseen_eo.json": 0.98,
    # EL (76; an ordinary week's mix in the three scripts) and EM (76; managers on a phone:
    # two questions in a message, computations, which line covers a topic), sealed until the
    # session's last engine commit (64f9884) and run once on it: EL 97.4% (1 of 61 answers
    # wrong), EM 88.2% (4 of 57); four small changes after, from their misses (a line of the
    # table ranked, a line with its themes' split, the SG's pillars, 酒店怎么订).
    "unseen_el.json": 1.0,
    "unseen_em.json": 0.9,
    # The fifteenth session (2026-12-07, fourth; a reset machine): EP (76; an ordinary week in
    # the three scripts), EQ (76; managers on a phone: two questions in a message, loose
    # computations, why), ER (76; 30 off-topic reusing the documents' names) and ES (76; Hong
    # Kong and Taiwan colleagues, 36 traditional), written by helpers from the documents only
    # and run once on the session's start (f3526cc): EP 93.4% (4 of 63 answers wrong), EQ
    # 82.9% (5 of 55), ER 93.4% (2 of 45), ES 93.4% (1 of 58); tuned on since.
    "unseen_ep.json": 0.98,
    "unseen_eq.json": 0.9,
    "unseen_er.json": 0.98,
    "unseen_es.json": 0.97,
    # EV (76; newcomers: what things are, why, who) and EW (76; terse Slack messages, typos),
    # run once on 26b1d0a: EV 93.4% (1 of 58 answers wrong), EW 96.1% (0 of 59).
    "unseen_ev.json": 0.93,
    "unseen_ew.json": 0.97,
    # EX (76; an ordinary week's mix, two-part messages) and EY (76; long, polite briefing
    # requests with context before the question), run once on 19de4b7: EX 90.8% (4 of 62
    # answers wrong), EY 85.5% (0 of 51; "for the DG's note tomorrow" read as the future).
    "unseen_ex.json": 0.93,
    "unseen_ey.json": 0.93,
    # ET (76; newcomers in the three scripts, meetings by short names) and EU (76; managers
    # preparing a report: computations, KPI lists, risks), sealed until the session's last
    # engine commit (c8e1f7d) and run once on it: ET 90.8% (3 of 58 answers wrong), EU 88.2%
    # (4 of 57).
    "unseen_et.json": 0.9,
    "unseen_eu.json": 0.88,
    # The sixteenth session (2026-12-07, fifth; a reset machine): EZ (an ordinary week's mix),
    # FA (a finance officer's computations, half Chinese), FB (what things are and why; 35%
    # traditional, Cantonese) and FC (lists, dates and details typed on a phone), written by
    # helpers from the documents only and run once on the session's start (78e900f): EZ 92.1%
    # (2 of 59 answers wrong), FA 69.7% (10 of 49), FB 80.3% (7 of 56), FC 81.6% (5 of 55);
    # FF (near misses, 24 off-topic) and FG (two-part messages, the second often without a
    # subject) on 167b717: FF 96.1% (2 of 53), FG 90.8% (1 of 56); tuned on since.
    "unseen_ez.json": 0.98,
    "unseen_fa.json": 0.81,
    "unseen_fb.json": 0.82,
    "unseen_fc.json": 0.85,
    "unseen_ff.json": 0.96,
    "unseen_fg.json": 0.94,
    # FD (managers on a phone: two questions, loose computations, risks) and FE (an ordinary
    # month, Hong Kong and Taiwan usage), sealed until the session's last engine commit
    # (22d2926) and run once then: FD 86.8% (7 of 62 answers wrong), FE 92.1% (4 of 61).
    "unseen_fd.json": 0.86,
    "unseen_fe.json": 0.92,
    # The seventeenth session (2026-12-07, sixth): FH (desk computations), FI (what and why,
    # lists), FJ (near misses, 24 off-topic) and FK (two- and three-part chat messages), written
    # by helpers from the documents only and run once on the session's starting code (e182728)
    # before any change they prompted: FH 78.9% (3 of 49 answers wrong), FI 87.0% (6 of 59),
    # FJ 90.8% (7 of 59; 17 of 24 off-topic declined), FK 84.2% (7 of 57); tuned on since.
    "unseen_fh.json": 0.86,
    "unseen_fi.json": 0.88,
    "unseen_fj.json": 0.96,
    "unseen_fk.json": 0.89,
    # FL (an ordinary week) and FM (managers in a hurry on a phone), sealed until the
    # session's last engine commit (54187b4) and run once then: FL 98.7% (0 of 61 answers
    # wrong), FM 93.5% (3 of 62 wrong; 13 of 14 off-topic declined).
    "unseen_fl.json": 0.98,
    "unseen_fm.json": 0.93,
    # The eighteenth session (2026-12-08): eight sets written the same way; FN (partners,
    # offices, events: who, where, when), FO (a newcomer: what things are, acronyms, lists),
    # FP (numbers and small computations), FQ (a manager's briefing, two questions in one)
    # run once on the session's start, 2ea60df: FN 93.4% (0 of 57 answers wrong), FO 93.4%
    # (0 of 57), FP 92.1% (0 of 56), FQ 90.8% (4 of 60); FT (who decides, leads, took part;
    # when and where) run once on d17267b: 88.2% (2 of 57); FR (an ordinary week) and FS (a
    # phone, typed fast) sealed until a52affc and run once then: FR 93.4% (3 of 62 wrong),
    # FS 94.7% (1 of 60); tuned on since.
    "unseen_fn.json": 0.97,
    "unseen_fo.json": 0.96,
    "unseen_fp.json": 0.94,
    "unseen_fq.json": 0.98,
    "unseen_ft.json": 0.90,
    "unseen_fr.json": 0.94,
    "unseen_fs.json": 0.96,
    # FU (comparisons and rankings across two records, written during the session), run once
    # on 65ac73f, the session's last engine commit, and not tuned on yet: 79.2% (7 of 55
    # answers wrong: "how many times … vs" answered with a difference, two periods asked and
    # one given, the lowest-rated risk read as none rated low).
    "unseen_fu.json": 0.79,
}


@pytest.mark.parametrize("name", sorted(OWN_SETS_MIN_ACCURACY))
def test_off_topic_and_chatty_sets_stay_where_they_are(
    answer_engine: AnswerEngine, name: str
) -> None:
    cases = json.loads(Path(__file__).with_name(name).read_text(encoding="utf-8"))
    accuracy, failures = _score(answer_engine, cases)
    assert accuracy >= OWN_SETS_MIN_ACCURACY[name], failures


@pytest.mark.parametrize(("path", "floor"), FLOOR_CASES, ids=lambda v: getattr(v, "name", v))
def test_copied_question_sets_do_not_regress(
    answer_engine: AnswerEngine, path: Path, floor: float
) -> None:
    accuracy, failures = _score(answer_engine, json.loads(path.read_text(encoding="utf-8")))
    assert accuracy >= floor, failures


# Answers given but wrong on the unseen sets, at most as many as now (the second
# target is about these: a wrong answer costs more than a decline).
UNSEEN_MAX_WRONG = {
    "unseen_a.json": 0,
    "unseen_b.json": 0,
    "unseen_c.json": 0,
    "unseen_d.json": 0,
    "unseen_e.json": 0,
    "unseen_f.json": 0,
    "unseen_g.json": 0,
    "unseen_h.json": 1,
    "unseen_i.json": 1,
    "unseen_l.json": 0,
    "unseen_n.json": 0,
    "unseen_o.json": 0,
    "unseen_p.json": 0,
    "unseen_q.json": 0,
    "unseen_r.json": 0,
    "unseen_s.json": 0,
    "unseen_s3.json": 0,
    "unseen_x.json": 0,
    "unseen_y.json": 0,
    "unseen_z.json": 1,  # z-011: a KPI asked in a long account of why
}


@pytest.mark.parametrize("name", sorted(UNSEEN_MAX_WRONG))
def test_unseen_sets_give_no_more_wrong_answers(answer_engine: AnswerEngine, name: str) -> None:
    cases = json.loads(Path(__file__).with_name(name).read_text(encoding="utf-8"))
    wrong = []
    for case in cases:
        reply = to_json_object(answer_engine.answer(case["q"]))
        if reply["answered"] and not judge(case, reply):
            wrong.append(f"{case['id']}: {case['q']}")
    assert len(wrong) <= UNSEEN_MAX_WRONG[name], wrong
