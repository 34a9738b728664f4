"""Budget answers: one subject's figures, sums and differences, the highest and lowest."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from typing import Any

from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.figures import (
    BudgetFigure,
    figure_sources,
    get_budget_figure,
    get_complete_year,
    get_total_amount,
    list_subjects,
    to_percentage,
    to_subject,
)
from knowledge.answering.intents import (
    ORDINAL_TOKENS,
    read_ordinal,
    read_threshold,
    read_top_count,
)
from knowledge.answering.lists import list_stated_numbers, read_stated_count
from knowledge.answering.matching import to_query_terms
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.thresholds import WHOLE_STORE_CONFIDENCE
from knowledge.answering.understanding import Question, Target
from knowledge.store import TOTAL_CODE

# "How many percentage points apart": shares compared, whatever else the question says.
POINTS_APART = re.compile(r"\bpercentage points?\b|百分点")


def _computed(q: Question, parts: dict[str, Any], confidence: float | None) -> Answer:
    """A computation over the budget figures in `parts`, cited by their sources."""
    return Answer(
        kind=AnswerKind.COMPUTE,
        lang=q.lang,
        answered=True,
        confidence=q.confidence if confidence is None else confidence,
        parts=parts,
        sources=figure_sources(parts["figures"]),
    )


# Two years compared ("2022年的预算…跟2023年比", "2022 vs 2023"): each is asked of; a year that
# only places the question ("the Kigali Action Plan adopted in 2022") is not.
_YEARS_COMPARED = re.compile(
    r"\b(?:vs\.?|versus|compared?|comparison|against|than|change[sd]?|grow|grew|rise|rose"
    r"|increase[sd]?|decrease[sd]?|drop(?:ped)?|differ\w*)\b"
    r"|(?:跟|与|和|同)[^，。？?；]{0,16}(?:比|相比|对比)|相比|对比|比较|比[^，。？?；]{0,12}(?:多|少|高|低)"
    r"|涨|增加|增长|减少|下降|变化|差多少|差了"
)
# A year inside a period ("2024-2027", "2023至2026年"): it names the period, it is not asked.
_PERIOD_YEARS = re.compile(r"(?:19|20)\d\d\s*(?:[-–至到]|to)\s*(?:(?:19|20)?\d\d)(?!\d)")


# "Which one", "what ones": the line asked for, no word of a record.
_WHICH_ONE = re.compile(r"\b(?:which|what) ones?\b")


class BudgetAnswers:
    """Answers from the budget lines of one revision of the knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.latest_year = max(knowledge.years) if knowledge.years else None

    # Years. A store holds a year as soon as one line of it exists, so years may be partly
    # filled in (admins add 2024 subject by subject). The rules:
    # - one subject: the year asked for if it has figures for it, else its own latest year;
    # - several subjects added up, compared or ranked: the year asked for if any of them has
    #   it, else the latest year every one of them has (a complete year), noting the newer
    #   figures some of them have.

    def _budget_code(self, code: str) -> str:
        """The code whose lines answer for a subject: a theme that is its priority's only
        one shares the priority's lines."""
        if self.knowledge.get_subject_years(code):
            return code
        parent = self.knowledge.get_theme_priority(code)
        if parent and len(self.knowledge.themes_by_priority[parent]) == 1:
            return parent
        return code

    def subject_year(self, code: str, asked: int | None) -> int | None:
        years = self.knowledge.get_subject_years(self._budget_code(code))
        if asked is not None and asked in years:
            return asked
        if years:
            return years[-1]
        return asked if asked in self.knowledge.years else self.latest_year

    def _group_year(self, codes: Sequence[str], asked: int | None) -> int | None:
        budget_codes = [self._budget_code(c) for c in codes]
        if asked is not None and any(
            asked in self.knowledge.get_subject_years(c) for c in budget_codes
        ):
            return asked
        year = get_complete_year(self.knowledge, budget_codes)
        return year if year is not None else self.latest_year

    def figure(self, code: str, year: int | None) -> BudgetFigure | None:
        return get_budget_figure(self.knowledge, self._budget_code(code), year) if year else None

    def _figures(self, codes: Sequence[str], year: int | None) -> list[BudgetFigure]:
        """Budget figures of one year; a theme that is its priority's only one shares the
        priority's line."""
        figures: list[BudgetFigure] = []
        for code in codes:
            figure = self.figure(code, year)
            if figure is not None and figure not in figures:
                figures.append(figure)
        return figures

    def _latest_figures(self, codes: Sequence[str], asked: int | None) -> list[BudgetFigure]:
        """Each subject's figure for the year asked, or for its own latest year."""
        figures: list[BudgetFigure] = []
        for code in codes:
            figure = self.figure(code, self.subject_year(code, asked))
            if figure is not None and figure not in figures:
                figures.append(figure)
        return figures

    def _newer(self, figures: Sequence[BudgetFigure], year: int | None) -> list[dict[str, Any]]:
        """Subjects answered for `year` that also have figures for a later year."""
        newer: list[dict[str, Any]] = []
        for figure in figures:
            later = [y for y in figure.other_years if year is not None and y > year]
            if later:
                newer.append({"subject": figure.subject, "year": later[-1]})
        return newer

    def year_parts(self, figures: Sequence[BudgetFigure], asked: int | None) -> dict[str, Any]:
        years = sorted({f.year for f in figures})
        year = years[-1] if years else self.latest_year
        missing = asked if asked is not None and any(f.year != asked for f in figures) else None
        if not figures and asked is not None and asked not in self.knowledge.years:
            missing = asked
        return {"year": year, "missing_year": missing, "mixed_years": len(years) > 1}

    def asked_year(self, q: Question, codes: Sequence[str]) -> int | None:
        """The year a budget question asks of: of two or more named ("2022年的预算…跟2023年
        比"), the first one some subject asked has no figure for, so that its absence is
        said rather than the other year's figure given as the answer."""
        reading = q.reading
        in_periods = {
            int(y)
            for span in _PERIOD_YEARS.findall(q.normalized)
            for y in re.findall(r"\d{4}", span)
        }
        years = [y for y in reading.years if y not in in_periods]
        if len(set(years)) > 1 and _YEARS_COMPARED.search(q.normalized):
            for year in years:
                if any(
                    year not in self.knowledge.get_subject_years(self._budget_code(c))
                    for c in codes
                ):
                    return year
        return reading.year

    def budget(
        self, q: Question, targets: Sequence[Target], confidence: float | None = None
    ) -> Answer | None:
        """The figures of the subjects asked for; None when none of them has any."""
        asked = self.asked_year(q, [t.code for t in targets])
        figures = self._latest_figures([t.code for t in targets], asked)
        if not figures:
            return None
        parts: dict[str, Any] = self.year_parts(figures, asked)
        year = parts["year"]
        parts |= {
            "figures": figures,
            "total": get_budget_figure(self.knowledge, TOTAL_CODE, year) if year else None,
            "ambiguous": any(t.ambiguous for t in targets),
        }
        sure = q.confidence if confidence is None else confidence
        return Answer(
            kind=AnswerKind.BUDGET,
            lang=q.lang,
            answered=True,
            confidence=sure,
            parts=parts,
            sources=figure_sources(figures),
        )

    def _share_difference(
        self,
        q: Question,
        figures: list[BudgetFigure],
        year: int | None,
        missing_year: int | None,
        confidence: float | None,
    ) -> Answer | None:
        """How far apart two lines' shares are, in percentage points ("P4里网络安全占比和能力
        开发占比相差多少个百分点"): of the line both belong to when the question names it,
        else of the total; None when a share is missing."""
        parents = {f.parent.code if f.parent else None for f in figures}
        parent = next(iter(parents)) if len(parents) == 1 else None
        of_parent = parent not in (None, TOTAL_CODE) and (
            parent in {t.code for t in q.targets}
            or re.search(
                rf"(?<![a-z0-9]){re.escape(str(parent).lower())}(?![a-z0-9])", q.normalized
            )
            is not None
        )
        shares = [(f.shares_of_parent if of_parent else f.shares_of_total) for f in figures]
        if any(not readings for readings in shares):
            return None
        # (shares the same once rounded: the larger amount first, so the gap is never less
        # than nothing)
        ranked = sorted(
            zip(figures, (r[0].value for r in shares), strict=True),
            key=lambda p: (-p[1], -p[0].amount),
        )
        parts: dict[str, Any] = {
            "op": "share_difference",
            "figures": [f for f, _ in ranked],
            "shares": [v for _, v in ranked],
            "result": ranked[0][1] - ranked[1][1],
            # the same gap as an amount ("比E1多多少" may ask either)
            "amount_gap": ranked[0][0].amount - ranked[1][0].amount,
            "of_parent": ranked[0][0].parent if of_parent else None,
            "year": year,
            "missing_year": missing_year,
            "newer": self._newer([f for f, _ in ranked], year),
        }
        return _computed(q, parts, confidence)

    def combine(self, q: Question, op: str, confidence: float | None = None) -> Answer | None:
        """The sum or difference of the subjects' figures; None when none has any."""
        asked = q.reading.year
        year = self._group_year([t.code for t in q.targets], asked)
        missing_year = asked if asked is not None and asked != year else None
        figures = self._figures([t.code for t in q.targets], year)
        if len(figures) < 2:
            return self.budget(q, q.targets)
        if op == "difference" and (q.reading.has("share") or POINTS_APART.search(q.normalized)):
            shared = self._share_difference(q, figures[:2], year, missing_year, confidence)
            if shared is not None:
                return shared
        if op == "difference":
            figures = sorted(figures[:2], key=lambda f: -f.amount)
        amounts = [f.amount for f in figures]
        result = sum(amounts) if op == "sum" else amounts[0] - amounts[1]
        total = get_total_amount(self.knowledge, year) if year else None
        share = to_percentage(result, total) if total and op == "sum" else None
        parts: dict[str, Any] = {
            "op": op,
            "figures": figures,
            "result": result,
            "year": year,
            "missing_year": missing_year,
            "total": total,
            "share_of_total": share,
            "newer": self._newer(figures, year),
        }
        parent = self._parent_asked(q, figures, year) if op == "sum" else None
        if parent is not None:
            # "what share of P3 do its policy and statistics themes take together": of P3
            parts["parent"] = parent
            parts["share_of_parent"] = to_percentage(result, parent.amount)
        return _computed(q, parts, confidence)

    def group_difference(
        self, q: Question, groups: Sequence[Sequence[str]], confidence: float | None = None
    ) -> Answer | None:
        """Lines added up on each side of a comparison, one sum less the other ("E3 and E5
        together compared with P2": 764,000 − 756,000); None unless every line has a figure
        of one year."""
        codes = [c for group in groups for c in group]
        asked = q.reading.year
        year = self._group_year(codes, asked)
        sides = [self._figures(group, year) for group in groups]
        if any(len(side) != len(group) for side, group in zip(sides, groups, strict=True)):
            return None  # (a theme sharing its priority's line is no line of its own)
        sides.sort(key=lambda side: -sum(f.amount for f in side))
        sums = [sum(f.amount for f in side) for side in sides]
        figures = [f for side in sides for f in side]
        parts: dict[str, Any] = {
            "op": "group_difference",
            "groups": [{"figures": side, "sum": n} for side, n in zip(sides, sums, strict=True)],
            "figures": figures,
            "result": sums[0] - sums[1],
            "year": year,
            "missing_year": asked if asked is not None and asked != year else None,
            "newer": self._newer(figures, year),
        }
        return _computed(q, parts, confidence)

    def _parent_asked(
        self, q: Question, figures: list[BudgetFigure], year: int | None
    ) -> BudgetFigure | None:
        """The priority a share of themes added up is asked of: named in the question, the
        parent of every theme added, itself not added."""
        if not q.reading.has("share"):
            return None
        if any(f.parent is None for f in figures):
            return None
        parents = {f.parent.code for f in figures if f.parent is not None}
        if len(parents) != 1:
            return None
        (code,) = parents
        named = {self.knowledge.resolve_priority_code(c) for c in q.reading.codes}
        if code not in named or year is None:
            return None
        found = self._figures([code], year)
        return found[0] if found else None

    def _shared_lines(self) -> list[dict[str, Any]]:
        """The priorities' lines that also hold enablers ("P5/E6/E7"), with those enablers."""
        shared: list[dict[str, Any]] = []
        for line in self.knowledge.priorities.values():
            enablers = [c for c in line.label.split("/")[1:] if c.startswith("E")]
            subject = to_subject(self.knowledge, line.code)
            if line.kind == "priority" and enablers and subject is not None:
                shared.append({"subject": subject, "enablers": enablers})
        return shared

    def _without(
        self, codes: list[str], excluded: Set[str], nth: int | None, year: int | None
    ) -> list[str]:
        """The lines but those left out (and the themes of a priority left out); all of them
        where a place in the ranking is asked and those left out are the ones above it ("除了
        P3以外，第二高的是哪一项": second after P3, the largest)."""
        kept = [
            c
            for c in codes
            if c not in excluded and self.knowledge.get_theme_priority(c) not in excluded
        ]
        if nth is not None and nth > 1:
            ranked = sorted(
                self._figures(codes, self._group_year(codes, year)),
                key=lambda f: (-f.amount, f.subject.code),
            )
            above = {f.subject.code for f in ranked[: nth - 1]}
            if above and above == set(codes) - set(kept):
                return codes
        return kept

    def extreme(
        self, q: Question, *, counted: bool = False, excluded: Set[str] = frozenset()
    ) -> Answer:
        """The largest or smallest of a class or of the lines named (but those `excluded`), a
        place in their ranking, those above or below a stated amount, or all of them ranked."""
        reading = q.reading
        kind = None
        for concept, name in (
            ("class_theme", "theme"),
            ("class_enabler", "enabler"),
            ("class_priority", "priority"),
        ):
            if reading.has(concept):
                kind = name
                break
        if kind == "enabler" and reading.has("class_priority"):
            kind = None  # "which priority or enabler has the biggest budget": Table 1's rows
        codes = [s.code for s in list_subjects(self.knowledge, kind)]
        within = {t.code for t in q.targets if t.code in self.knowledge.priorities}
        if kind == "theme":  # "is cybersecurity the biggest theme in P4": P4's themes
            coded = (self.knowledge.resolve_priority_code(c) for c in reading.codes)
            within |= {c for c in coded if c is not None}
        within -= excluded  # "apart from P3, which theme …": not P3's themes
        if kind == "theme" and within:
            codes = [c for c in codes if self.knowledge.get_theme_priority(c) in within]
        elif len(within) >= 2:  # "P1到P4里预算最少的是哪个": the lines named, not all of them
            codes = [t.code for t in q.targets if t.code in within]
        elif len(themes := [t.code for t in q.targets if t.code in self.knowledge.themes]) >= 2:
            codes = themes  # "P1的应急通信和网络与数字基础设施，哪个预算多": those two themes
            kind = "theme"
        every = len(codes)
        if excluded:
            codes = self._without(codes, excluded, read_ordinal(q.normalized), reading.year)
        year = self._group_year(codes, reading.year)
        missing_year = reading.year if reading.year is not None and reading.year != year else None
        figures = self._figures(codes, year)
        answered = {f.subject.code for f in figures}
        lacking = [
            s
            for s in (to_subject(self.knowledge, c) for c in codes)
            if s is not None and self._budget_code(s.code) not in answered
        ]
        figures.sort(key=lambda f: (-f.amount, f.subject.code))
        threshold = read_threshold(q.normalized) if reading.has("budget") else None
        nth = read_ordinal(q.normalized)
        if nth is not None and not figures[nth - 1 : nth]:
            nth = None  # "the fifth largest" of three: the ranking says what there is
        top = read_top_count(q.normalized) if nth is None and threshold is None else None
        if top is not None and top.count >= len(figures):
            top = None  # "the three largest" of three: all of them, ranked
        if threshold is not None:  # "which themes have a budget above CHF 400,000"
            op, amount = threshold.side, threshold.amount
            above = op == "above"
            chosen = [f for f in figures if (f.amount > amount if above else f.amount < amount)]
        elif top is not None and reading.has("min"):
            # "最低的三项是哪几项": the lowest first, and what they come to together
            op, chosen = "min", figures[::-1][: top.count]
        elif top is not None and reading.has("max"):
            op, chosen = "max", figures[: top.count]
        elif nth is not None and reading.has("min"):
            op, chosen = "min", [figures[-nth]]
        elif nth is not None and reading.has("max", "rank"):
            op, chosen = "max", [figures[nth - 1]]
        elif reading.has("max") and not reading.has("rank"):
            op, chosen = "max", figures[:1]
        elif reading.has("min") and not reading.has("rank"):
            op, chosen = "min", figures[-1:]
        else:
            op, chosen = "rank", figures
        total = get_total_amount(self.knowledge, year) if year else None
        parts: dict[str, Any] = {
            "op": op,
            "nth": nth or 1,
            # "the three lowest": how many, and their sum
            "top": len(chosen) if top is not None and op in ("max", "min") else None,
            "sum": sum(f.amount for f in chosen),
            "sum_share": to_percentage(sum(f.amount for f in chosen), total) if total else None,
            "counted": counted,  # "how many themes are there": their number, then the lines
            "threshold": None if threshold is None else threshold.amount,
            "kind": kind or "row",
            "figures": chosen,
            "ranked": figures,
            "others": len(codes) < every,  # "apart from P3, …": the other lines
            "year": year,
            "missing_year": missing_year,
            "total": total,
            "newer": self._newer(figures, year),
            "lacking": lacking,
            # "list the enablers": E6 and E7 have no line of their own, they share P5's
            "shared": self._shared_lines() if kind == "enabler" and op == "rank" else [],
        }
        stated = set() if threshold is None else set(to_query_terms(threshold.words).tokens)
        if top is not None:
            stated |= set(to_query_terms(top.words).tokens)  # "the three lowest", "最低的三项"
        if read_stated_count(q.normalized) == len(figures) + len(lacking):
            stated |= set(list_stated_numbers(q.normalized))  # "rank the ten lines"
        if _WHICH_ONE.search(q.normalized):
            stated.add("one")  # "which one comes third"
        named = [t for t in q.content if t not in ORDINAL_TOKENS and t not in stated]
        confidence = WHOLE_STORE_CONFIDENCE if not named else q.confidence
        return Answer(
            kind=AnswerKind.EXTREME,
            lang=q.lang,
            answered=True,
            confidence=confidence,
            parts=parts,
            sources=figure_sources(chosen),
        )
