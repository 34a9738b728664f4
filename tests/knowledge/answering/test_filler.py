"""Small talk and filler set aside before a question is matched."""

from __future__ import annotations

import subprocess
import sys

import pytest

from knowledge.answering.engine import AnswerEngine
from knowledge.answering.filler import is_only_small_talk, strip_filler
from knowledge.answering.text import normalize


@pytest.mark.parametrize(
    "question, core",
    [
        (
            "Hi! Sorry to bother you, but do you happen to know roughly how much P2 gets? Thanks!",
            "how much P2 gets?",
        ),
        ("Hello, could you please tell me the budget of E4? Cheers", "the budget of E4?"),
        ("For a slide I'm making: what is the share of P3?", "what is the share of P3?"),
        ("你好，打扰一下，请问数字化转型的预算是多少呀？谢谢！", "数字化转型的预算是多少？"),
        ("麻煩問一下，P1總共有多少個關鍵績效指標？謝謝您", "P1總共有多少個關鍵績效指標？"),
        ("打扰了🙏 想问一下学院举办了多少培训课程？", "学院举办了多少培训课程？"),
        (
            "I was trying to remember how many staff attended the ChatGPT session",
            "how many staff attended the ChatGPT session",
        ),
        ("I can't recall when the ATC call opened", "when the ATC call opened"),
        ("务虚会提出的箴言都是什么来着？想放到PPT里，谢谢啦！", "务虚会提出的箴言都是什么？"),
        ("務虛會提出的箴言是什麼？要寫進報告", "務虛會提出的箴言是什麼？"),
        ("By the way, what is the budget of P2?", "what is the budget of P2?"),
        ("Quick follow-up: what is E4?", "what is E4?"),
        ("btw the ATC call dates", "the ATC call dates"),
        ("另外，P3有几个KPI？", "P3有几个KPI？"),
        # how the asker wants it answered, what they want to check
        ("Hi - keep it short: what is the P2 budget? thanks!", "what is the P2 budget?"),
        ("想跟你確認一件事：務虛會的目的是什麼？麻煩簡短回答就好，感謝！", "務虛會的目的是什麼？"),
        ("Remind me of the three pillars of the vision?", "the three pillars of the vision?"),
        (
            "Quick q: what's the deal with the Transformers programme?",
            "what's the Transformers programme?",
        ),
        ("Can you give me a quick rundown of what ITU as One means?", "what ITU as One means?"),
        ("Quick maths please: what is 10% of P3's budget?", "what is 10% of P3's budget?"),
        ("Quick check - is the P3 budget final?", "is the P3 budget final?"),
        (
            "What are the main operational risks it lists for 2023-2026?",
            "What are the main operational risks for 2023-2026?",
        ),
        (
            "Hey, two things for the TDAG prep: how many KPIs are there in total?",
            "how many KPIs are there in total?",
        ),
        (
            "how many staff ended up working on the visioning exercise?",
            "how many staff eventually working on the visioning exercise?",
        ),
        (
            "In plain words, what's the definition of 'ITU as One'?",
            "what's the definition of 'ITU as One'?",
        ),
    ],
)
def test_strip_filler_keeps_only_the_question(question: str, core: str) -> None:
    assert strip_filler(question) == core


@pytest.mark.parametrize(
    "question",
    ["What is P2's budget?", "网络安全的预算", "Thanks", "How much is 4.2 million CHF, 1,111,000?"],
)
def test_strip_filler_leaves_plain_questions_alone(question: str) -> None:
    assert strip_filler(question) == question


@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "Hello! Do you happen to know where GSR-23 is being held this year? Thank you so much.",
            "Sharm el-Sheikh",
        ),
        (
            "Quick question if you don't mind - how many users did the ITU Academy have at the "
            "end of 2022?",
            "35,000",
        ),
        ("您好，能不能帮我查一下网络造福人类项目目前惠及多少个最不发达国家？", "16"),
        (
            # "colleagues" counts staff; "trying to remember" and the greeting say nothing
            "Hi there, hope your week is going well! I was trying to remember roughly how "
            "many colleagues turned up for the hands-on ChatGPT session that Microsoft ran as "
            "part of LearningLabs last May - could you remind me?",
            "250",
        ),
    ],
)
def test_answer_reads_a_chatty_question_as_its_short_form(
    answer_engine: AnswerEngine, question: str, expected: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered
    assert normalize(expected) in normalize(str(answer.parts.get("fact")))


def test_a_question_without_traditional_characters_loads_no_traditional_tables() -> None:
    # OpenCC's s2t tables cost about 60 ms to load: only a question written in traditional
    # characters needs the traditional forms of the filler phrases (a fresh process).
    script = (
        "from knowledge.answering import filler, text\n"
        "assert filler.strip_filler('请问一下，P3的预算是多少？谢谢') == 'P3的预算是多少？'\n"
        "assert filler.strip_filler('Hi! Sorry to bother you, what is the P3 budget?')\n"
        "assert text._s2t.cache_info().currsize == 0, 'traditional tables loaded'\n"
        "assert filler.strip_filler('請問一下，P3的預算是多少？謝謝') == 'P3的預算是多少？'\n"
        "assert text._s2t.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


@pytest.mark.parametrize(
    "question, kept",
    [
        (
            "Good morning! I'm preparing slides and need the budget of the cybersecurity theme, "
            "could you help? Many thanks!",
            "need the budget of the cybersecurity theme",
        ),
        ("Sorry if this is silly, but what exactly does BDT mean?", "what does BDT mean?"),
        ("Tell me everything about P4.", "P4."),
    ],
)
def test_a_clause_that_states_a_need_is_kept(question: str, kept: str) -> None:
    assert kept in strip_filler(question)


@pytest.mark.parametrize("message", ["hello", "Thanks, that was helpful!", "谢谢！", "Hi!"])
def test_small_talk_alone_is_recognised(message: str) -> None:
    assert is_only_small_talk(message)


@pytest.mark.parametrize("message", ["hi, what is P2's budget?", "thanks, and P3?"])
def test_small_talk_with_a_question_is_a_question(message: str) -> None:
    assert not is_only_small_talk(message)


def test_why_the_asker_asks_is_set_aside() -> None:
    # "my manager asked me to …" says why, asks nothing: not "my …" the asker's own work
    text = (
        "Good morning - our unit is reviewing the risks and my manager asked me to check. "
        "What mitigation measures does the plan list for the partners risk?"
    )
    assert "manager" not in strip_filler(text)


@pytest.mark.parametrize(
    ("question", "core"),
    [
        # where something came from is no word a record must hold
        (
            "What are the pillars that came out of the visioning exercise?",
            "What are the pillars the visioning exercise?",
        ),
        # "name" as a verb asks for a list, as "list" does
        ("Name the pillars of the vision.", "list the pillars of the vision."),
        ("name three outputs of P1", "list three outputs of P1"),
    ],
)
def test_strip_filler_reads_where_from_and_name_as_a_verb(question: str, core: str) -> None:
    assert strip_filler(question) == core


@pytest.mark.parametrize(
    "question", ["What's the name of the 1984 report?", "Name of the BDT Director?"]
)
def test_strip_filler_keeps_name_as_a_noun(question: str) -> None:
    assert strip_filler(question) == question


@pytest.mark.parametrize(
    "question",
    [
        "Name the pillars that came out of the visioning process.",
        "What definition of 'ITU as One' came out of the online consultation?",
    ],
)
def test_answer_reads_name_and_came_out_of(answer_engine: AnswerEngine, question: str) -> None:
    assert answer_engine.answer(question).answered


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("能列出OP-23的风险吗？", "列出OP-23的风险吗？"),
        ("可以列举一下务虚会的箴言吗", "列举一下务虚会的箴言吗"),
    ],
)
def test_strip_filler_reads_a_polite_chinese_list_request(question: str, core: str) -> None:
    assert strip_filler(question) == core


def test_a_polite_chinese_list_request_lists_the_risks(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("能列出OP-23的风险吗？")
    assert answer.answered and answer.kind == "risk"


@pytest.mark.parametrize(
    ("question", "stripped"),
    [
        ("could someone tell me how P2's money is split?", "how P2's money is split?"),
        ("For our quarterly report, what is P3's budget?", "what is P3's budget?"),
    ],
)
def test_someone_asked_to_tell_and_a_longer_purpose_are_filler(
    question: str, stripped: str
) -> None:
    assert strip_filler(question) == stripped


@pytest.mark.parametrize(
    ("question", "record"),
    [
        # "那边" (BCG's side), "打算" (plans to): colloquial, no word of what is asked
        ("波士顿咨询那边跟多少家外部相关方做了访谈", "fact:bcg-interviews"),
        # "往后" is 今后/未来, "借助" is 利用
        (
            "往后打算借助国际电联学习管理系统（LMS）培养职员哪些方面的关键技能？",
            "fact:staff-lms-future-skills",
        ),
    ],
)
def test_colloquial_chinese_words_sink_no_match(
    answer_engine: AnswerEngine, question: str, record: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == record


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        # the topic, asked alone: a document named around it only places it
        (
            "What does the operational plan say about regional presence?",
            "tell me about regional presence?",
        ),
        ("According to OP-23, what about cybersecurity?", "tell me about cybersecurity?"),
        ("运作规划关于网络安全说了什么？", "介绍一下网络安全？"),
        ("關於網絡安全，有哪些KPI？", "網絡安全，有哪些KPI？"),
        # not a document of ours: kept as asked
        (
            "What does the UN report say about climate change?",
            "What does the UN report say about climate change?",
        ),
    ],
)
def test_what_a_document_says_about_a_topic_asks_about_the_topic(question: str, asked: str) -> None:
    assert strip_filler(question) == asked


@pytest.mark.parametrize(
    ("question", "record"),
    [
        ("What does the operational plan say about regional presence?", "priority:E2"),
        ("According to OP-23, what about cybersecurity?", "theme:P4-CYB"),
        ("运作规划关于网络安全说了什么？", "theme:P4-CYB"),
    ],
)
def test_what_a_document_says_about_a_line_is_the_line(
    answer_engine: AnswerEngine, question: str, record: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == record


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("麻烦告诉我P1两个主题各自的预算", "P1两个主题各自的预算"),
        ("麻煩告訴我P1兩個主題各自的預算", "P1兩個主題各自的預算"),
        ("告诉我E2的预算", "E2的预算"),
    ],
)
def test_asking_to_be_told_is_filler(question: str, core: str) -> None:
    assert strip_filler(question) == core


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("does anyone know who the current BDT Director is?", "who is the current BDT Director?"),
        ("can you tell me what P2's budget is?", "what is P2's budget?"),
        ("could you tell me how many KPIs there are?", "how many KPIs are there?"),
        ("who is the director?", "who is the director?"),
    ],
)
def test_a_question_asked_inside_another_is_put_in_its_own_order(question: str, core: str) -> None:
    assert strip_filler(question) == core


def test_a_bracket_closing_one_opened_inside_the_question_stays() -> None:
    # the closing bracket had been dropped with the filler around it
    assert (
        strip_filler("could you remind me which KPIs sit under E5 (HR and innovation)?")
        == "which KPIs sit under E5 (HR and innovation)?"
    )


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # a clause that only says where the question comes from or who asks is set aside …
        ("pasting from the thread: what is NETP?", "what is NETP?"),
        ("Europe RO here :) when was RDF-EUR 2023 held?", "when was RDF-EUR 2023 held?"),
        ("noob q: what is the ITU Academy?", "what is the ITU Academy?"),
        ("明天给领导汇报用：总预算是多少？", "总预算是多少？"),
        # … unless it names what a short question is about, or is a time that may be asked of
        ("following up on the GSR-23 thread: dates?", "GSR-23"),
        ("re the GSR-23: where?", "GSR-23"),
        ("people are asking about the cybersecurity theme: budget?", "cybersecurity"),
        ("今天的会议，讨论了什么？", "今天的会议"),
        ("明天的务虚会，在哪里开？", "明天的务虚会"),
        ("新人员指导项目，是哪次务虚会提出的？", "新人员"),
    ],
)
def test_context_clauses_are_set_aside_only_when_they_name_nothing(
    question: str, kept: str
) -> None:
    assert kept in strip_filler(question)


@pytest.mark.parametrize(
    "question",
    ["同事之間的良好關係怎麼保持？", "領導力項目包括什麼？", "新人員指導項目係咩嚟？"],
)
def test_a_question_in_traditional_characters_is_no_small_talk(question: str) -> None:
    assert not is_only_small_talk(question)


@pytest.mark.parametrize("greeting", ["你好嗎", "大家好嗎？", "你好吗"])
def test_how_are_you_is_small_talk(greeting: str) -> None:
    assert is_only_small_talk(greeting)


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # a context clause that names a topic stays, however much follows
        (
            "Following up on the cybersecurity discussion: what's the 2023 budget in CHF and "
            "the share of the total?",
            "cybersecurity",
        ),
        # "… here" of no topic, and who asks before a question naming its own subject, go
        ("Quick question here: when is GSR-23?", "when is GSR-23?"),
        (
            "Europe RO here :) when & where was RDF-EUR 2023 held, and who did we co-organise it "
            "with?",
            "RDF-EUR",
        ),
        ("幫手check下：WTDC-22係邊年？", "WTDC-22"),
    ],
)
def test_who_asks_and_where_from_second_review(question: str, kept: str) -> None:
    stripped = strip_filler(question)
    assert kept in stripped
    if question.startswith(("Quick", "Europe", "幫手")):
        assert not stripped.startswith(("Quick", "Europe", "幫手"))


@pytest.mark.parametrize(
    "question",
    [
        # who asks names what is asked about when the rest names nothing of its own
        "Cyber team here: what is the 2023 budget amount and share of the total?",
        "Statistics team here: what is the theme budget in CHF and its share of P3?",
        # or when the question addresses them
        "CIS regional office here — which country UNCTs do you work closely with?",
    ],
)
def test_who_asks_is_kept_when_it_is_what_is_asked_about(question: str) -> None:
    assert strip_filler(question).split()[0] in question.split()[0]


def test_ok_and_a_subject_is_no_small_talk() -> None:
    assert "cybersecurity line" in strip_filler(
        normalize("ok and the cybersec line, what % of P4 is it")
    )
    assert strip_filler(normalize("ok, what is P2's budget?")).startswith("what is p2")
