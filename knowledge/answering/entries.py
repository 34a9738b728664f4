"""Turning the read model into searchable entries (names, aliases, KPI texts, facts, FAQ), with
the phrasings admins taught as key texts of their records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from knowledge.answering.matching import Entry
from knowledge.answering.snapshot import Knowledge
from knowledge.store.record_refs import to_record

# Kinds that name a budget subject or a risk: the targets of structured questions.
ENTITY_KINDS = ("priority", "theme")


def build_entries(knowledge: Knowledge) -> list[Entry]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in knowledge.aliases:
        aliases[alias.target_code].append(alias.alias)
    entries: list[Entry] = []
    keys: tuple[str, ...]
    for priority in knowledge.priorities.values():
        code = priority.code
        keys = (code, priority.label, priority.name_en, priority.name_zh, *aliases[code])
        entries.append(Entry("priority", code, keys, (priority.includes_en, priority.includes_zh)))
    for t in knowledge.themes.values():
        keys = (t.code, t.name_en, t.name_zh, *aliases[t.code])
        entries.append(Entry("theme", t.code, keys))
    for k in knowledge.kpis.values():
        entries.append(Entry("kpi", k.code, (k.code, k.text_en, k.text_zh)))
    for theme_code, outcomes in knowledge.outcomes.items():
        for o in outcomes:
            entries.append(Entry("outcome", f"{theme_code}#{o.position}", (o.text_en, o.text_zh)))
    for theme_code, outputs in knowledge.outputs.items():
        for p in outputs:
            entries.append(Entry("output", f"{theme_code}#{p.position}", (p.text_en, p.text_zh)))
    for r in knowledge.risks.values():
        mitigations = knowledge.mitigations.get(r.code, [])
        keys = (r.category_en, r.category_zh, r.description_en, r.description_zh, *aliases[r.code])
        body = tuple(m.text_en for m in mitigations) + tuple(m.text_zh for m in mitigations)
        entries.append(Entry("risk", r.code, keys, body))
    contexts = {code: (d.symbol, d.title_en, d.title_zh) for code, d in knowledge.documents.items()}
    for f in knowledge.facts:
        keys = (f.title_en, f.title_zh, *f.questions_en, *f.questions_zh, *f.tags, *f.keywords_zh)
        context = contexts.get(f.doc, ())
        entries.append(Entry("fact", f.key, keys, (f.text_en, f.text_zh), context))
    for q in knowledge.faqs:
        keys = (q.question_en, q.question_zh, *q.alternates)
        entries.append(Entry("faq", q.key, keys, (q.answer_en, q.answer_zh)))
    if knowledge.phrasings:
        entries = [_with_taught(entry, knowledge.phrasings) for entry in entries]
    return entries


def _with_taught(entry: Entry, phrasings: dict[str, list[str]]) -> Entry:
    """The entry with the phrasings taught for its record among its key texts."""
    taught = phrasings.get(to_record(entry.kind, entry.ref))
    if not taught:
        return entry
    return replace(entry, key_texts=(*entry.key_texts, *taught))
