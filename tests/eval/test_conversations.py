"""The multi-turn set (tests/eval/conversations.json): short conversations in English,
simplified and traditional Chinese, each turn answered in the context its conversation's
earlier turns left, scored like the single questions (tests/eval/test_eval_set.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.cli.ask import to_json_object
from knowledge.answering import AnswerEngine, TurnContext, answer_in_context
from tests.eval.test_eval_set import judge

CONVERSATIONS = Path(__file__).with_name("conversations.json")
# Scored per turn: every turn after the first of a conversation is a follow-up, or a
# question that must not take the conversation's context. 0% before issue 14 for the
# follow-ups that inherit (each turn was answered alone).
MIN_ACCURACY = 0.9


def _score(engine: AnswerEngine, conversations: list[dict[str, Any]]) -> tuple[float, list[str]]:
    failures: list[str] = []
    turns = 0
    for conversation in conversations:
        context: TurnContext | None = None
        for number, turn in enumerate(conversation["turns"], start=1):
            answer, context = answer_in_context(engine, turn["q"], context)
            turns += 1
            if not judge(turn, to_json_object(answer)):
                failures.append(f"{conversation['id']}#{number}: {turn['q']}")
    return 1 - len(failures) / turns, failures


def test_the_set_has_conversations_in_every_language_and_turns_that_stand_alone() -> None:
    conversations = json.loads(CONVERSATIONS.read_text(encoding="utf-8"))
    assert len(conversations) >= 30
    scripts = {c["script"] for c in conversations}
    assert scripts == {"latin", "simplified", "traditional"}
    later = [t for c in conversations for t in c["turns"][1:]]
    assert any(t["inherits"] is False for t in later)
    assert all(isinstance(t["inherits"], bool) for t in later)


def test_the_conversations_score_at_least_the_floor(answer_engine: AnswerEngine) -> None:
    conversations = json.loads(CONVERSATIONS.read_text(encoding="utf-8"))
    accuracy, failures = _score(answer_engine, conversations)
    print(f"multi-turn set: {accuracy:.1%} of turns")
    assert accuracy >= MIN_ACCURACY, failures
    follow_ups = [{**c, "turns": [c["turns"][0], t]} for c in conversations for t in c["turns"][1:]]
    inheriting = [c for c in follow_ups if c["turns"][1]["inherits"]]
    standing = [c for c in follow_ups if not c["turns"][1]["inherits"]]
    assert _score(answer_engine, inheriting)[0] >= MIN_ACCURACY
    assert _score(answer_engine, standing)[0] == 1.0, _score(answer_engine, standing)[1]


def test_without_context_the_follow_ups_are_not_answered_as_follow_ups(
    answer_engine: AnswerEngine,
) -> None:
    """The set can fail: the same follow-ups asked alone miss most of what they expect."""
    conversations = json.loads(CONVERSATIONS.read_text(encoding="utf-8"))
    alone = [
        {"id": c["id"], "turns": [t]}
        for c in conversations
        for t in c["turns"][1:]
        if t["inherits"]
    ]
    accuracy, _ = _score(answer_engine, alone)
    assert accuracy < 0.5
