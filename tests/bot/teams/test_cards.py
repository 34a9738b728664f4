"""Adaptive Cards for Teams: valid for the SDK's models, within the size limit, both
languages, user and knowledge text shown literally."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from microsoft_teams.cards import (
    ActionSet,
    AdaptiveCard,
    ExecuteAction,
    SerializableObject,
    Table,
    TeamsCardProperties,
    TextBlock,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.chat import read_more_value
from bot.kb.replies import ConfirmationRequest, KbReply, read_confirmation_value
from bot.rendering import escape_card_text, list_template_names
from bot.teams.cards import (
    MAX_CARD_BYTES,
    MAX_CONFIRM_CHARS,
    NOTICES,
    TOASTS,
    VERB_HELPFUL,
    VERB_KB_CANCEL,
    VERB_KB_CONFIRM,
    VERB_MORE,
    VERB_NOT_HELPFUL,
    VERB_SNOOZE,
    VERB_SUGGEST,
    Mention,
    build_answer_card,
    build_kb_card,
    build_notice_card,
    build_report_card,
    build_rest_card,
    render_toast,
    to_attachment,
    to_card_size,
)
from bot.text_render import LANGS
from knowledge.answering import Answer, AnswerEngine, AnswerKind, SourceRef, to_script
from knowledge.records import AwayPerson
from knowledge.reporting import KpiStatus, KpiTarget, Scope, ThemeKpis
from scheduler.reports import Digest, Reminder, Report, build_report_for
from tests.bot.test_text_render import QUESTIONS

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SOURCE = SourceRef("002_2ec95dfb0164208f.txt", "3.3", "TDAG-23", "TDAG-23文件")
HOSTILE = "[x](http://evil) **bold** <at>Boss</at> _it_ {{DATE(2017-02-14T06:08:39Z, SHORT)}}"
# What Teams would otherwise read as markdown, a mention or a date function.
UNESCAPED = ("[x](", "**bold**", "<at>Boss", "_it_", "{{DATE")
_MODELS: dict[str, type[SerializableObject]] = {
    "TextBlock": TextBlock,
    "Table": Table,
    "ActionSet": ActionSet,
    "Action.Execute": ExecuteAction,
}


def _check_element(element: dict[str, Any]) -> None:
    model = _MODELS[element["type"]].model_validate(element)
    assert not model.model_extra, f"unknown properties: {model.model_extra}"
    if element["type"] == "ActionSet":
        assert element["actions"]
        for action in element["actions"]:
            _check_element(action)
    if element["type"] == "Action.Execute":
        assert element["title"].strip() and isinstance(element["data"], dict)
    if element["type"] == "Table":
        assert element["rows"] and element["firstRowAsHeaders"] is True
        for row in element["rows"]:
            assert len(row["cells"]) == len(element["columns"])
            for cell in row["cells"]:
                for item in cell["items"]:
                    _check_element(item)
    if element["type"] == "TextBlock":
        assert element["wrap"] is True and element["text"].strip()
        assert "{{" not in element["text"].replace("\\{\\{", "")  # no template left over


def check_card(card: dict[str, Any]) -> None:
    """Valid for the SDK's models, element by element, and small enough for Teams."""
    model = AdaptiveCard.model_validate(card)
    assert model.model_extra == {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json"}
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.5")
    assert TeamsCardProperties.model_validate(card["msteams"]).width == "full"
    assert card["body"]
    for element in card["body"]:
        _check_element(element)
    assert to_card_size(card) <= MAX_CARD_BYTES
    assert len(json.dumps(card).encode()) < 28 * 1024
    assert "{%" not in json.dumps(card)


def texts(card: dict[str, Any]) -> list[str]:
    return [e["text"] for e in card["body"] if e["type"] == "TextBlock"]


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]


def faq_answer(text: str, lang: str = "en", **extra: Any) -> Answer:
    faq = SimpleNamespace(answer_en=text, answer_zh=text)
    return Answer(
        kind=AnswerKind.FAQ,
        lang=lang,
        answered=True,
        confidence=1.0,
        parts={"faq": faq},
        sources=[SOURCE],
        **extra,
    )


def test_both_languages_have_the_same_teams_templates() -> None:
    names = {lang: list_template_names(lang, "teams") for lang in LANGS}
    assert names["en"] == names["zh"] and "answer.j2" in names["en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_is_a_valid_card_in_both_languages(
    answer_engine: AnswerEngine, question: str, lang: str
) -> None:
    answer = answer_engine.answer(question)
    answer.lang = lang
    card = build_answer_card(answer, question, show_question=True, asked_by=Mention("29:1", "A"))
    check_card(card)
    assert card["lang"] == lang


def test_an_answer_has_its_text_source_and_vote_buttons(answer_engine: AnswerEngine) -> None:
    card = build_answer_card(answer_engine.answer("P3 budget"), "P3 budget")
    shown = texts(card)
    assert "CHF 1,111,000" in shown[0] and "Source:" not in shown[0]
    (source,) = [e for e in card["body"] if e.get("text", "").startswith("Source: ")]
    assert source["isSubtle"] is True and "002\\_2ec95dfb0164208f.txt" in source["text"]
    assert "Was this helpful?" in shown
    assert [(a["title"], a["verb"], a["data"]) for a in actions(card)] == [
        ("Helpful", VERB_HELPFUL, {"q": "P3 budget"}),
        ("Not helpful", VERB_NOT_HELPFUL, {"q": "P3 budget"}),
    ]


def test_buttons_are_labelled_in_the_answer_language(answer_engine: AnswerEngine) -> None:
    card = build_answer_card(answer_engine.answer("P3预算"), "P3预算")
    assert [a["title"] for a in actions(card)] == ["有帮助", "没有帮助"]
    assert "这个回答有帮助吗？" in texts(card)


@pytest.mark.parametrize("lang", LANGS)
def test_a_declined_question_offers_its_suggestions_as_buttons(lang: str) -> None:
    suggestions = ["P1 budget", "KPIs for P2", "a very long suggestion " * 10]
    answer = Answer(
        kind=AnswerKind.DECLINE,
        lang=lang,
        answered=False,
        confidence=0.0,
        suggestions=suggestions,
    )
    card = build_answer_card(answer, "P9 budget")
    check_card(card)
    assert ("I don't know that" if lang == "en" else "不知道") in texts(card)[0]
    suggested = [a for a in actions(card) if a["verb"] == VERB_SUGGEST]
    assert [a["data"] for a in suggested] == [{"q": s} for s in suggestions]
    assert [a["title"] for a in suggested] == [s.strip() for s in suggestions]
    assert ("Ask one of these:" if lang == "en" else "您可以接着问：") in texts(card)


def test_the_question_and_who_asked_are_shown_with_a_mention() -> None:
    card = build_answer_card(faq_answer("Yes."), "Is it?", asked_by=Mention("29:abc", "Ann <B>"))
    check_card(card)
    assert texts(card)[0] == "<at>Ann B</at> asked: Is it?"
    (mention,) = card["msteams"]["entities"]
    assert mention == {"type": "mention", "text": "<at>Ann B</at>",
                       "mentioned": {"id": "29:abc", "name": "Ann B"}}  # fmt: skip
    assert "entities" not in build_answer_card(faq_answer("Yes."), "q")["msteams"]


def _more(card: dict[str, Any]) -> tuple[str, int] | None:
    found = [a for a in actions(card) if a["verb"] == VERB_MORE]
    if not found:
        return None
    (button,) = found
    return read_more_value(button["data"]["v"])


def _shown_lines(card: dict[str, Any]) -> list[str]:
    body = [e["text"] for e in card["body"] if e["type"] == "TextBlock" and not e.get("isSubtle")]
    return [line for text in body for line in text.split("\n\n")]


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_answer_continues_in_rest_cards_until_all_is_shown(lang: str) -> None:
    word = "z" if lang == "en" else "行"
    lines = [f"line {i}: " + word * 990 for i in range(120)]
    answer = faq_answer("\n".join(lines), lang)
    card = build_answer_card(answer, "q", show_question=True)
    check_card(card)
    seen = _shown_lines(card)
    assert 0 < len(seen) < len(lines)
    note = [t for t in texts(card) if "Show the rest" in t or "显示其余部分" in t]
    assert note and str(len(lines) - len(seen)) in note[0]
    assert _more(card) == ("q", len(seen))
    for _ in range(60):  # bounded: each card shows at least one more line
        found = _more(card)
        if found is None:
            break
        card = build_rest_card(answer, *found)
        check_card(card)
        assert not any(a["verb"] == VERB_HELPFUL for a in actions(card))
        seen += _shown_lines(card)
    assert seen == lines
    assert texts(card)[-1].startswith("Source:" if lang == "en" else "来源：")


def test_an_absurdly_long_line_is_cut_so_the_card_still_fits() -> None:
    card = build_answer_card(faq_answer("中" * 50_000), "q")
    check_card(card)
    assert _more(card) is None and texts(card)[0].endswith("…")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", NOTICES)
def test_every_notice_is_a_one_sentence_card(key: str, lang: str) -> None:
    card = build_notice_card(key, lang)
    check_card(card)
    (text,) = texts(card)
    assert text.strip()


def test_notices_speak_the_language_asked_and_refuse_unknown_keys() -> None:
    assert texts(build_notice_card("cancelled", "zh")) == ["已取消：未做任何修改。"]
    assert "vote is recorded" in texts(build_notice_card("vote_thanks", "en"))[0]
    with pytest.raises(ValueError):
        build_notice_card("nope", "en")


def test_a_kb_reply_shows_its_text_escaped() -> None:
    reply = KbReply("unknown_code", "en", {"kind": "fact", "code": HOSTILE, "suggestions": []})
    card = build_kb_card(reply)
    check_card(card)
    shown = "\n".join(texts(card))
    assert all(raw not in shown for raw in UNESCAPED)
    assert "\\[x\\](http://evil) \\*\\*bold\\*\\* \\<at\\>Boss\\</at\\>" in shown
    assert actions(card) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_kb_confirmation_has_confirm_and_cancel(lang: str) -> None:
    request = ConfirmationRequest("button_remove", "fact remove k", {"fact:k": 3}, lang)
    card = build_kb_card(KbReply("cancelled", lang, confirmation=request))
    check_card(card)
    remove, cancel = actions(card)
    assert (remove["verb"], remove["style"]) == (VERB_KB_CONFIRM, "destructive")
    assert remove["title"] == ("Remove" if lang == "en" else "删除")
    assert read_confirmation_value(remove["data"]["v"]) == ("fact remove k", {"fact:k": 3}, lang)
    assert (cancel["verb"], cancel["data"]) == (VERB_KB_CANCEL, {"l": lang})
    assert cancel["title"] == ("Cancel" if lang == "en" else "取消")
    confirm = ConfirmationRequest("button_confirm", "budget set P1 2023 1", {}, lang)
    (ok, _cancel) = actions(build_kb_card(KbReply("cancelled", lang, confirmation=confirm)))
    assert ok["style"] == "positive"


def test_a_confirmation_too_long_for_a_card_asks_to_shorten() -> None:
    request = ConfirmationRequest("button_confirm", "x" * MAX_CONFIRM_CHARS, {}, "en")
    card = build_kb_card(KbReply("cancelled", "en", confirmation=request))
    check_card(card)
    assert actions(card) == [] and "too long to confirm" in texts(card)[-1]


@pytest.fixture
def session(seeded_engine: Engine) -> Iterator[Session]:
    with Session(seeded_engine) as session:
        yield session


def _report(session: Session, kind: str, scope: str, lang: str) -> Report:
    return build_report_for(session, kind, scope, lang, NOW, with_chart=False)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scope", ["all", "P1", "P1-EMT"])
@pytest.mark.parametrize("kind", ["reminder", "digest"])
def test_reports_from_the_store_are_valid_cards(
    session: Session, kind: str, scope: str, lang: str
) -> None:
    report = _report(session, kind, scope, lang)
    card = build_report_card(report)
    check_card(card)
    title = texts(card)[0]
    if kind == "reminder":
        assert title.startswith("KPI reminder" if lang == "en" else "关键绩效指标提醒")
    else:
        assert title.startswith("Weekly digest" if lang == "en" else "每周摘要")
    assert card["body"][0]["weight"] == "Bolder"


def test_a_reminder_lists_each_kpi_and_how_to_record_it(session: Session) -> None:
    report = _report(session, "reminder", "P1-EMT", "en")
    assert isinstance(report, Reminder) and report.themes
    card = build_report_card(report)
    shown = "\n".join(texts(card))
    for kpi in report.themes[0].kpis:
        assert f"- **{escape_card_text(kpi.code)}** " in shown
    assert "kb progress CODE VALUE" in shown


def test_a_digest_shows_its_budget_in_both_languages(session: Session) -> None:
    en = "\n".join(texts(build_report_card(_report(session, "digest", "P1", "en"))))
    zh = "\n".join(texts(build_report_card(_report(session, "digest", "P1", "zh"))))
    assert "**Budget 2023**: CHF" in en and "Progress recorded this week" in en
    assert "**2023年预算**：" in zh and "瑞郎" in zh


def _huge_reminder(lang: str, text: str = "Number of things " * 10) -> Reminder:
    scope = Scope("all", "all", "all", "all", "全部", ())
    themes = tuple(
        ThemeKpis(
            f"P{g}-T",
            f"P{g}",
            f"Theme {g}",
            f"主题{g}",
            tuple(
                KpiStatus(
                    f"P{g}-T-{i}",
                    f"P{g}-T",
                    text,
                    "事物数量" * 20,
                    Decimal(3),
                    date(2026, 11, 1),
                    NOW,
                    "teams:x",
                )
                for i in range(40)
            ),
        )
        for g in range(10)
    )
    return Reminder(lang, scope, NOW, themes)


@pytest.mark.parametrize("lang", LANGS)
def test_a_huge_reminder_is_cut_with_a_note(lang: str) -> None:
    card = build_report_card(_huge_reminder(lang))
    check_card(card)
    notes = [t for t in texts(card) if "not shown" in t or "未显示" in t]
    assert len(notes) == 1


def test_report_texts_are_escaped() -> None:
    scope = Scope("theme", "P1-T", "P1-T", HOSTILE, HOSTILE, ())
    card = build_report_card(Reminder("en", scope, NOW, _huge_reminder("en", HOSTILE).themes[:1]))
    check_card(card)
    shown = "\n".join(texts(card))
    assert all(raw not in shown for raw in UNESCAPED)
    assert "\\[x\\](http://evil)" in shown


def test_a_kb_preview_shows_the_reply_above_the_report(session: Session) -> None:
    report = _report(session, "reminder", "P1", "zh")
    reply = KbReply("cancelled", "zh", report=report)
    card = build_kb_card(reply)
    check_card(card)
    shown = texts(card)
    assert shown[0] == "已取消：未做任何修改。"
    assert shown[1].startswith("关键绩效指标提醒") and card["body"][1]["separator"] is True
    assert actions(card) == []


def test_a_kb_preview_of_a_huge_report_still_fits() -> None:
    reply = KbReply("cancelled", "en", report=_huge_reminder("en"))
    card = build_kb_card(reply)
    check_card(card)
    assert texts(card)[0].startswith("Cancelled")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[x](http://evil)", "\\[x\\](http://evil)"),
        ("**bold** and _it_ and ~~s~~", "\\*\\*bold\\*\\* and \\_it\\_ and \\~\\~s\\~\\~"),
        ("<at>Boss</at>", "\\<at\\>Boss\\</at\\>"),
        ("a & b &amp; c", "a \\& b \\&amp; c"),
        ("{{DATE(2017-02-14T06:08:39Z, SHORT)}}", "\\{\\{DATE(2017-02-14T06:08:39Z, SHORT)\\}\\}"),
        ("- item\n+ item\n# title\n> quote", "\\- item\n\n\\+ item\n\n\\# title\n\n\\> quote"),
        ("1. one\n  2) two", "1\\. one\n\n  2\\) two"),
        ("a\n\n\nb", "a\n\nb"),
        ("P1-EMT-1 costs 3.5% (2023)", "P1-EMT-1 costs 3.5% (2023)"),
        ("back\\slash `code`", "back\\\\slash \\`code\\`"),
    ],
)
def test_escape_card_text_shows_text_literally(text: str, shown: str) -> None:
    assert escape_card_text(text) == shown


def test_a_question_with_markdown_is_quoted_literally() -> None:
    card = build_answer_card(faq_answer("Fine."), HOSTILE, show_question=True)
    check_card(card)
    assert texts(card)[0].startswith("Question: \\[x\\](http://evil) \\*\\*bold\\*\\*")
    assert all(raw not in texts(card)[0] for raw in UNESCAPED)
    assert actions(card)[0]["data"] == {"q": HOSTILE}  # data goes back as it was


def test_to_attachment_wraps_the_card() -> None:
    card = build_notice_card("unavailable", "en")
    assert to_attachment(card) == {
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": card,
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", TOASTS)
def test_every_toast_is_one_plain_sentence(key: str, lang: str) -> None:
    text = render_toast(key, lang, due="2027-03-30 09:00", tz="Europe/Zurich")
    assert text and "\n" not in text and "{" not in text and "*" not in text
    with pytest.raises(ValueError):
        render_toast("nope", lang)


def _card_strings(card: dict[str, Any]) -> list[str]:
    return texts(card) + [a["title"] for a in actions(card)]


def test_a_question_in_traditional_characters_gets_a_traditional_card(
    answer_engine: AnswerEngine,
) -> None:
    question = "P3的預算是多少？"
    card = build_answer_card(answer_engine.answer(question), question, show_question=True)
    check_card(card)
    assert [a["title"] for a in actions(card)] == ["有幫助", "沒有幫助"]
    assert "這個回答有幫助嗎？" in texts(card)
    assert all(to_script(t, "hant") == t for t in _card_strings(card))


def test_a_long_traditional_answer_continues_in_traditional_cards() -> None:
    text = "\n".join(f"第{i}行：" + "預算" * 400 for i in range(100))
    answer = faq_answer(text, "zh", script="hant")
    card = build_answer_card(answer, "長問題")
    check_card(card)
    assert "顯示其餘部分" in [a["title"] for a in actions(card)]
    assert all(to_script(t, "hant") == t for t in _card_strings(card))
    rest = build_rest_card(answer, "長問題", 3)
    check_card(rest)
    assert all(to_script(t, "hant") == t for t in _card_strings(rest))


def _targets(count: int) -> tuple[KpiTarget, ...]:
    rows = []
    for i in range(count):
        row = KpiTarget(
            f"P1-T-{i}", "P1-T", f"KPI {i}", f"指标{i}", Decimal(12), Decimal(20),
            Decimal("60.0"), Decimal(9), Decimal(3), date(2026, 11, 20), "teams:x",
        )  # fmt: skip
        rows.append(row)
    return tuple(rows)


@pytest.mark.parametrize("lang", LANGS)
def test_a_digest_shows_progress_against_target_as_a_table(lang: str) -> None:
    scope = Scope("priority", "P1", "P1", "One", "一", ("P1-T",))
    away = (AwayPerson("teams:29:anne", date(2026, 11, 20), date(2027, 1, 6)),)
    digest = Digest(lang, scope, NOW, NOW, None, (), (), (), targets=_targets(3), away=away)
    card = build_report_card(digest)
    check_card(card)
    (table,) = [e for e in card["body"] if e["type"] == "Table"]
    cells = [[c["items"][0]["text"] for c in row["cells"]] for row in table["rows"]]
    assert cells[1] == ["P1-T-0", "12", "20", "60%", "+3"]
    assert any("2027-01-06" in t for t in texts(card))
    many = build_report_card(Digest(lang, scope, NOW, NOW, None, (), (), (), targets=_targets(200)))
    check_card(many)  # cut to fit, with a note
    assert any("not shown" in t or "未显示" in t for t in texts(many))


@pytest.mark.parametrize("lang", LANGS)
def test_a_scheduled_reminder_card_has_snooze_actions(lang: str) -> None:
    reminder = _huge_reminder(lang)
    card = build_report_card(replace(reminder, subscription_id=7))
    check_card(card)
    snoozes = [a for a in actions(card) if a["verb"] == VERB_SNOOZE]
    assert [a["data"] for a in snoozes] == [{"s": "7", "w": "tomorrow"}, {"s": "7", "w": "monday"}]
    assert not [a for a in actions(build_report_card(reminder)) if a["verb"] == VERB_SNOOZE]
