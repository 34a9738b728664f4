"""The answer engine: a question in, an `Answer` out, from an in-memory read of the store."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.answer import Answer, SourceRef
from knowledge.entries import ENTITY_KINDS, build_entries
from knowledge.figures import (
    BudgetFigure,
    Subject,
    get_budget_figure,
    get_total_amount,
    list_subjects,
    to_percentage,
    to_source,
    to_subject,
)
from knowledge.intents import Reading, read_question
from knowledge.matching import (
    ANSWER_MIN_SCORE,
    ENTITY_MIN_COVERAGE,
    SUGGEST_MIN_SCORE,
    TIE_MARGIN,
    Hit,
    SearchIndex,
    to_query_terms,
)
from knowledge.seed_loader import TOTAL_CODE
from knowledge.snapshot import Knowledge
from knowledge.text import detect_lang, normalize

MAX_QUESTION_LENGTH = 500
SUGGESTION_LIMIT = 3
_SPLIT = re.compile(r"\band\b|\bvs\b|\bversus\b|[,，、&+和与及跟比]")


@dataclass(frozen=True)
class Target:
    """A record the question names, and how sure the engine is of it (0–1)."""

    code: str
    confidence: float


class AnswerEngine:
    """Answers questions from one revision of the knowledge; rebuild it to refresh."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.index = SearchIndex(build_entries(knowledge))
        self.latest_year = max(knowledge.years) if knowledge.years else None

    # -- entry point ---------------------------------------------------------------------

    def answer(self, question: str) -> Answer:
        text = " ".join(question.split())
        lang = detect_lang(text)
        if not text:
            return self._help(lang, confidence=1.0)
        if len(text) > MAX_QUESTION_LENGTH:
            return Answer("decline", lang, False, 0.0, "too_long", {"limit": MAX_QUESTION_LENGTH})
        normalized = normalize(text)
        reading = read_question(normalized)
        if reading.has("help") and len(reading.residue.split()) <= 3:
            return self._help(lang, confidence=1.0)
        if reading.kpi_codes:
            return self._kpi_detail(lang, reading)
        unknown = [c for c in reading.codes if self._resolve_code(c) is None]
        if unknown:
            return self._unknown_code(lang, unknown[0])
        structured = self._structured(lang, reading)
        lookup = self._lookup(lang, normalized)
        if structured is None:
            return lookup
        if lookup.answered and lookup.intent not in ("overview",) and (
            lookup.confidence > structured.confidence + TIE_MARGIN
        ):
            return lookup
        return structured

    # -- routing ------------------------------------------------------------------------

    def _structured(self, lang: str, reading: Reading) -> Answer | None:
        if reading.has("risk", "mitigation"):
            return self._risk(lang, reading)
        targets = self._targets(reading)
        compute = reading.has("max", "min", "rank")
        if reading.has("kpi"):
            if targets:
                return self._kpi_list(lang, reading, targets)
            if reading.has("whole", "count") and not reading.residue_content:
                return self._kpi_total(lang)
            return None
        if compute and reading.has("budget", "share", "class_priority", "class_enabler", "class_theme"):
            if not targets or len(targets) > 1 or reading.has("class_theme"):
                return self._extreme(lang, reading)
        if len(targets) >= 2 and reading.has("sum", "difference"):
            op = "difference" if reading.has("difference") else "sum"
            return self._combine(lang, reading, targets, op)
        if reading.has("output", "outcome") and targets:
            return self._results(lang, reading, targets)
        if reading.has("budget", "share"):
            if targets:
                return self._budget(lang, reading, targets)
            if reading.has("whole") and not reading.residue_content:
                return self._budget(lang, reading, [Target(TOTAL_CODE, 1.0)])
            return None
        if targets:
            return self._overview(lang, reading, targets)
        return None

    def _resolve_code(self, code: str) -> str | None:
        if code in self.knowledge.priorities:
            return code
        for priority in self.knowledge.priorities.values():
            if code in priority.label.replace(" ", "").split("/"):
                return priority.code
        return None

    def _content_terms(self, text: str, reading: Reading) -> list[str]:
        terms = to_query_terms(text, drop=reading.consumed_tokens)
        return [t for t in terms.tokens if self.index.has_token(t) or not t.isdigit()]

    def _targets(self, reading: Reading) -> list[Target]:
        """Budget subjects the question names: codes first, then names and aliases."""
        codes = [c for c in (self._resolve_code(c) for c in reading.codes) if c]
        codes += [c for c in reading.theme_codes if c in self.knowledge.themes]
        targets = [Target(code, 1.0) for code in dict.fromkeys(codes)]
        reading.residue_content = bool(self._content_terms(reading.residue, reading))
        if not reading.residue_content:
            return targets
        segments = [s for s in _SPLIT.split(reading.residue) if s.strip()]
        if len(segments) > 1 and not targets:
            found = [t for s in segments for t in self._name_targets(s, reading, [])]
            if len(found) >= 2:
                return list({t.code: t for t in found}.values())
        named = self._name_targets(reading.residue, reading, targets)
        return named or targets

    def _name_targets(self, text: str, reading: Reading, coded: list[Target]) -> list[Target]:
        terms = to_query_terms(text, drop=reading.consumed_tokens)
        if not terms.tokens:
            return []
        hits = [h for h in self.index.search(terms, kinds=ENTITY_KINDS, limit=8)]
        hits = [h for h in hits if h.coverage >= ENTITY_MIN_COVERAGE]
        if not hits:
            return []
        coded_codes = {t.code for t in coded}
        if coded_codes:
            # "P3 capacity development": a named theme under a coded priority narrows it.
            inside = [h for h in hits if self._parent(h.entry.ref) in coded_codes]
            return [Target(h.entry.ref, 1.0) for h in inside[:1]]
        best = hits[0]
        tied = [h for h in hits if best.score - h.score <= TIE_MARGIN and h.entry.kind == best.entry.kind]
        return [Target(h.entry.ref, h.score) for h in tied]

    def _parent(self, code: str) -> str | None:
        theme = self.knowledge.themes.get(code)
        return theme.priority_code if theme else None

    # -- budgets ------------------------------------------------------------------------

    def _year(self, reading: Reading) -> tuple[int | None, int | None]:
        """The year to answer for, and the year asked for when the store does not hold it."""
        if reading.year is not None and reading.year in self.knowledge.years:
            return reading.year, None
        return self.latest_year, reading.year

    def _budget(self, lang: str, reading: Reading, targets: Sequence[Target]) -> Answer:
        year, missing_year = self._year(reading)
        figures = [f for t in targets if year and (f := get_budget_figure(self.knowledge, t.code, year))]
        if not figures:
            return self._overview(lang, reading, targets)
        total = get_budget_figure(self.knowledge, TOTAL_CODE, year) if year else None
        parts = {"figures": figures, "year": year, "missing_year": missing_year, "total": total,
                 "ambiguous": len(figures) > 1, "focus": "share" if reading.has("share") else "amount"}
        confidence = min(t.confidence for t in targets)
        return Answer("budget", lang, True, confidence, "budget", parts, _sources(figures))

    def _combine(self, lang: str, reading: Reading, targets: Sequence[Target], op: str) -> Answer:
        year, missing_year = self._year(reading)
        figures = [f for t in targets if year and (f := get_budget_figure(self.knowledge, t.code, year))]
        if len(figures) < 2:
            return self._budget(lang, reading, targets)
        if op == "difference":
            figures = sorted(figures[:2], key=lambda f: -f.amount)
        amounts = [f.amount for f in figures]
        result = sum(amounts) if op == "sum" else amounts[0] - amounts[1]
        total = get_total_amount(self.knowledge, year) if year else None
        parts = {"op": op, "figures": figures, "result": result,
                 "year": year, "missing_year": missing_year, "total": total,
                 "share_of_total": to_percentage(result, total) if total and op == "sum" else None}
        confidence = min(t.confidence for t in targets)
        return Answer("compute", lang, True, confidence, "compute", parts, _sources(figures))

    def _extreme(self, lang: str, reading: Reading) -> Answer:
        kind = None
        for concept, name in (("class_theme", "theme"), ("class_enabler", "enabler"), ("class_priority", "priority")):
            if reading.has(concept):
                kind = name
                break
        year, missing_year = self._year(reading)
        figures = [f for s in list_subjects(self.knowledge, kind)
                   if year and (f := get_budget_figure(self.knowledge, s.code, year))]
        figures.sort(key=lambda f: (-f.amount, f.subject.code))
        op = "rank" if reading.has("rank") or not reading.has("max", "min") else (
            "max" if reading.has("max") else "min")
        chosen = figures if op == "rank" else ([figures[0]] if op == "max" else [figures[-1]])
        total = get_total_amount(self.knowledge, year) if year else None
        parts = {"op": op, "kind": kind or "row", "figures": chosen, "ranked": figures, "year": year,
                 "missing_year": missing_year, "total": total}
        return Answer("compute", lang, True, 0.95, "extreme", parts, _sources(figures[:1] + chosen))

    # -- overviews, KPIs, outcomes -------------------------------------------------------

    def _theme_codes(self, code: str) -> list[str]:
        if code in self.knowledge.themes:
            return [code]
        return [t.code for t in self.knowledge.themes_by_priority.get(code, [])]

    def _overview(self, lang: str, reading: Reading, targets: Sequence[Target]) -> Answer:
        year, missing_year = self._year(reading)
        items = []
        sources: list[SourceRef] = []
        for target in targets:
            subject = to_subject(self.knowledge, target.code)
            if subject is None:
                continue
            figure = get_budget_figure(self.knowledge, target.code, year) if year else None
            themes = []
            for code in self._theme_codes(target.code):
                theme = self.knowledge.themes[code]
                theme_figure = get_budget_figure(self.knowledge, code, year) if year else None
                themes.append({"theme": theme, "figure": theme_figure,
                               "kpis": len(self.knowledge.kpis_by_theme.get(code, [])),
                               "outcomes": len(self.knowledge.outcomes.get(code, []))})
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
            priority = self.knowledge.priorities.get(target.code)
            items.append({"subject": subject, "priority": priority, "figure": figure, "themes": themes,
                          "kpi_count": sum(t["kpis"] for t in themes)})
            if figure:
                sources = figure.sources + sources
        confidence = min(t.confidence for t in targets)
        parts = {"items": items, "year": year, "missing_year": missing_year}
        return Answer("overview", lang, True, confidence, "overview", parts, _dedupe(sources))

    def _kpi_list(self, lang: str, reading: Reading, targets: Sequence[Target]) -> Answer:
        groups = []
        sources = []
        for target in targets:
            for code in self._theme_codes(target.code):
                theme = self.knowledge.themes[code]
                kpis = self.knowledge.kpis_by_theme.get(code, [])
                groups.append({"theme": theme, "subject": to_subject(self.knowledge, code), "kpis": kpis})
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
        count = sum(len(g["kpis"]) for g in groups)
        only_count = reading.has("count") and not reading.has("output", "outcome")
        parts = {"groups": groups, "count": count, "only_count": only_count,
                 "subjects": [to_subject(self.knowledge, t.code) for t in targets]}
        confidence = min(t.confidence for t in targets)
        return Answer("kpi", lang, True, confidence, "kpi_list", parts, _dedupe(sources))

    def _kpi_total(self, lang: str) -> Answer:
        rows = []
        for priority in self.knowledge.priorities.values():
            count = sum(len(self.knowledge.kpis_by_theme.get(c, [])) for c in self._theme_codes(priority.code))
            rows.append({"subject": to_subject(self.knowledge, priority.code), "count": count})
        total = sum(r["count"] for r in rows)
        sections = sorted({k.section for k in self.knowledge.kpis.values()})
        doc = next(iter(self.knowledge.kpis.values())).doc if self.knowledge.kpis else "002"
        sources = [to_source(self.knowledge, doc, "3 (" + ", ".join(sections) + ")")] if sections else []
        return Answer("kpi", lang, True, 0.95, "kpi_total", {"rows": rows, "total": total}, sources)

    def _kpi_detail(self, lang: str, reading: Reading) -> Answer:
        kpi = self.knowledge.kpis.get(reading.kpi_codes[0])
        if kpi is None:
            return self._unknown_code(lang, reading.kpi_codes[0])
        return self._kpi_answer(lang, kpi.code, 1.0)

    def _kpi_answer(self, lang: str, code: str, confidence: float) -> Answer:
        kpi = self.knowledge.kpis[code]
        theme = self.knowledge.themes[kpi.theme_code]
        parts = {"kpi": kpi, "theme": theme, "subject": to_subject(self.knowledge, theme.priority_code)}
        return Answer("kpi", lang, True, confidence, "kpi_detail", parts,
                      [to_source(self.knowledge, kpi.doc, kpi.section)])

    def _results(self, lang: str, reading: Reading, targets: Sequence[Target]) -> Answer:
        which = "outputs" if reading.has("output") else "outcomes"
        store = self.knowledge.outputs if which == "outputs" else self.knowledge.outcomes
        groups = []
        sources = []
        for target in targets:
            for code in self._theme_codes(target.code):
                theme = self.knowledge.themes[code]
                groups.append({"theme": theme, "items": store.get(code, [])})
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
        confidence = min(t.confidence for t in targets)
        return Answer(which[:-1], lang, True, confidence, "results",
                      {"which": which, "groups": groups}, _dedupe(sources))

    # -- risks --------------------------------------------------------------------------

    def _risk(self, lang: str, reading: Reading) -> Answer:
        risks = list(self.knowledge.risks.values())
        chosen = risks
        confidence = 0.9
        terms = to_query_terms(reading.residue, drop=reading.consumed_tokens)
        if self._content_terms(reading.residue, reading):
            hits = [h for h in self.index.search(terms, kinds=("risk",), limit=4)
                    if h.coverage >= ENTITY_MIN_COVERAGE / 2]
            if hits:
                chosen = [self.knowledge.risks[hits[0].entry.ref]]
                confidence = min(1.0, hits[0].score + 0.3)
        focus = [c for c in ("mitigation",) if reading.has(c)]
        items = [{"risk": r, "mitigations": self.knowledge.mitigations.get(r.code, [])} for r in chosen]
        sources = _dedupe([to_source(self.knowledge, r.doc, r.section) for r in chosen])
        return Answer("risk", lang, True, confidence, "risk", {"items": items, "focus": focus}, sources)

    # -- search over everything ---------------------------------------------------------

    def _lookup(self, lang: str, normalized: str) -> Answer:
        hits = self.index.search(to_query_terms(normalized), limit=6)
        suggestions = self._suggestions(lang, hits)
        if not hits or hits[0].score < ANSWER_MIN_SCORE:
            confidence = hits[0].score if hits else 0.0
            shown = suggestions if hits and hits[0].score >= SUGGEST_MIN_SCORE else []
            return Answer("unknown", lang, False, round(confidence, 3), "decline",
                          {"reason": "unknown"}, [], shown)
        best = hits[0]
        confidence = round(best.score, 3)
        answer = self._answer_entry(lang, best, confidence)
        answer.suggestions = [s for s in suggestions[1:]] if confidence < 0.75 else []
        return answer

    def _answer_entry(self, lang: str, hit: Hit, confidence: float) -> Answer:
        kind, ref = hit.entry.kind, hit.entry.ref
        reading = Reading()
        if kind in ENTITY_KINDS:
            return self._overview(lang, reading, [Target(ref, confidence)])
        if kind == "kpi":
            return self._kpi_answer(lang, ref, confidence)
        if kind in ("outcome", "output"):
            theme_code = ref.split("#")[0]
            reading.concepts.add(kind)
            answer = self._results(lang, reading, [Target(theme_code, confidence)])
            return answer
        if kind == "risk":
            risk = self.knowledge.risks[ref]
            items = [{"risk": risk, "mitigations": self.knowledge.mitigations.get(ref, [])}]
            return Answer("risk", lang, True, confidence, "risk", {"items": items, "focus": []},
                          [to_source(self.knowledge, risk.doc, risk.section)])
        if kind == "faq":
            faq = next(q for q in self.knowledge.faqs if q.key == ref)
            return Answer("faq", lang, True, confidence, "faq", {"faq": faq},
                          [to_source(self.knowledge, faq.doc, faq.section)])
        fact = next(f for f in self.knowledge.facts if f.key == ref)
        return Answer("fact", lang, True, confidence, "fact", {"fact": fact},
                      [to_source(self.knowledge, fact.doc, fact.section)])

    def _suggestions(self, lang: str, hits: Sequence[Hit]) -> list[str]:
        labels: list[str] = []
        for hit in hits:
            label = self._label(lang, hit)
            if label and label not in labels:
                labels.append(label)
        return labels[:SUGGESTION_LIMIT + 1]

    def _label(self, lang: str, hit: Hit) -> str:
        kind, ref = hit.entry.kind, hit.entry.ref
        zh = lang == "zh"
        if kind in ENTITY_KINDS:
            subject = to_subject(self.knowledge, ref)
            if subject is None:
                return ""
            return f"{subject.code} {subject.name_zh if zh else subject.name_en}"
        if kind == "kpi":
            return ref
        if kind == "fact":
            fact = next(f for f in self.knowledge.facts if f.key == ref)
            questions = fact.questions_zh if zh else fact.questions_en
            return questions[0] if questions else (fact.title_zh if zh else fact.title_en)
        if kind == "faq":
            faq = next(q for q in self.knowledge.faqs if q.key == ref)
            return faq.question_zh if zh else faq.question_en
        if kind == "risk":
            risk = self.knowledge.risks[ref]
            return f"{risk.category_zh}风险" if zh else f"{risk.category_en} risk"
        return ""

    # -- help and refusals --------------------------------------------------------------

    def _help(self, lang: str, confidence: float) -> Answer:
        parts = {"priorities": list(self.knowledge.priorities.values()), "years": self.knowledge.years}
        return Answer("help", lang, True, confidence, "help", parts)

    def _unknown_code(self, lang: str, code: str) -> Answer:
        known = [p.label for p in self.knowledge.priorities.values()]
        suggestions = [p.code for p in self.knowledge.priorities.values()][:SUGGESTION_LIMIT]
        return Answer("unknown", lang, False, 0.0, "unknown_code", {"code": code, "known": known}, [],
                      suggestions)


def _sources(figures: Sequence[BudgetFigure]) -> list[SourceRef]:
    return _dedupe([s for f in figures for s in f.sources])


def _dedupe(sources: Sequence[SourceRef]) -> list[SourceRef]:
    return list(dict.fromkeys(sources))
