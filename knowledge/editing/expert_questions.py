"""Questions handed to the experts: kept, claimed, answered, and turned into FAQ entries.

A question the bot declined (or whose answer was voted not helpful) is kept here when its
asker asks for an expert, with what the bot said and where to answer the asker. It is
`open` until an expert claims it (`claimed`) and `answered` once one has answered; it is
never removed, so nothing is lost when no one answers (the queue and the managers' digest
list it). An answer becomes an FAQ entry through `entry_edits.add_faq`, the edit path of
`/kb faq add`: validated, audited, undoable, editors within their scope only.

Every function takes the caller's session and flushes; the caller commits.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, select

from knowledge.answering import Answer
from knowledge.editing.audit import update_versioned
from knowledge.editing.entry_edits import MAX_TEXT, add_faq, check_text
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, UnknownCode
from knowledge.store import TOTAL_CODE, models, utc_now

logger = logging.getLogger(__name__)

ENTITY = "expert_question"
OPEN = "open"
CLAIMED = "claimed"
ANSWERED = "answered"
STATUSES = (OPEN, CLAIMED, ANSWERED)
DECLINED = "declined"
NOT_HELPFUL = "not_helpful"
REASONS = (DECLINED, NOT_HELPFUL)
MAX_QUESTION = 4000
MAX_BOT_ANSWER = 4000
# An expert's answer: as long as an FAQ answer may be, so that any answer can become one.
MAX_ANSWER = MAX_TEXT
QUEUE_LIMIT = 20
FAQ_KEY_PREFIX = "expert-"


def to_answer_scope(answer: Answer) -> str | None:
    """The priority or enabler an answer is about, when the engine names one: the subject of
    a decline that says what it holds, a budget's subject (a theme's priority), the priority
    of a fact or an FAQ entry; None otherwise (or for the whole budget)."""
    parts = answer.parts
    code = parts.get("subject_code") or None
    subject = parts.get("subject")
    figures = parts.get("figures")
    if not hasattr(subject, "code") and figures and hasattr(figures[0], "subject"):
        subject = figures[0].subject
    if code is None and subject is not None and hasattr(subject, "code"):
        is_theme = getattr(subject, "kind", "") == "theme"
        code = getattr(subject, "parent_code", None) if is_theme else subject.code
    for name in ("fact", "faq"):
        if code is None and parts.get(name) is not None:
            code = getattr(parts[name], "priority_code", None)
    if not isinstance(code, str) or not code or code == TOTAL_CODE:
        return None
    return code[:16]


def create_expert_question(
    session: Session,
    *,
    platform: str,
    asker_id: str,
    question: str,
    lang: str,
    script: str,
    bot_answer: str,
    reason: str,
    scope: str,
    expert_channel: str,
    origin_channel: str = "",
    origin_thread: str = "",
) -> models.ExpertQuestion:
    """Keep a question for the experts (open); flushed, so its id is known."""
    if reason not in REASONS:
        raise InvalidValue("reason", reason, "bad_choice")
    question = question.strip()
    if not question:
        raise InvalidValue("question", question, "empty")
    row = models.ExpertQuestion(
        platform=platform,
        asker_id=asker_id,
        question=question[:MAX_QUESTION],
        lang=lang,
        script=script,
        bot_answer=bot_answer[:MAX_BOT_ANSWER],
        reason=reason,
        scope=scope,
        origin_channel=origin_channel,
        origin_thread=origin_thread,
        expert_channel=expert_channel,
    )
    session.add(row)
    session.flush()
    return row


def get_expert_question(session: Session, question_id: int) -> models.ExpertQuestion:
    row = session.get(models.ExpertQuestion, question_id)
    if row is None:
        raise UnknownCode(ENTITY, str(question_id), [])
    return row


def set_card(session: Session, question_id: int, card_id: str) -> models.ExpertQuestion:
    """The card's message id in the experts' channel, so that it can be updated."""
    row = get_expert_question(session, question_id)
    row.card_id = card_id[:255]
    session.add(row)
    session.flush()
    return row


def _key(row: models.ExpertQuestion) -> str:
    return f"{ENTITY}:{row.id}"


def claim_expert_question(session: Session, question_id: int, expert: str) -> models.ExpertQuestion:
    """`expert` ("platform:user") takes the question on. InvalidValue "already_answered", or
    "already_claimed" (value: who has it) when another expert claimed it first; claiming
    one's own claim again changes nothing. Whether `expert` may claim (a member of the
    experts' channel) is the chat platform's to know and the caller's to check."""
    row = get_expert_question(session, question_id)
    if row.status == ANSWERED:
        raise InvalidValue("question", row.answered_by, "already_answered")
    if row.status == CLAIMED:
        if row.claimed_by == expert:
            return row
        raise InvalidValue("question", row.claimed_by, "already_claimed")
    values = {"status": CLAIMED, "claimed_by": expert, "claimed_at": utc_now()}
    return update_versioned(session, row, values, ENTITY, _key(row))


def answer_expert_question(
    session: Session, question_id: int, expert: str, text: str
) -> models.ExpertQuestion:
    """`expert`'s answer; the question is answered (claimed by them, if no one had). The
    text is checked as an FAQ answer would be (InvalidValue "empty", "too_long");
    InvalidValue "already_answered" when someone answered first, "already_claimed" (value:
    who has it) when another expert claimed it: a claim reserves the question."""
    answer = check_text("answer", text, MAX_ANSWER)
    row = get_expert_question(session, question_id)
    if row.status == ANSWERED:
        raise InvalidValue("question", row.answered_by, "already_answered")
    if row.status == CLAIMED and row.claimed_by and row.claimed_by != expert:
        raise InvalidValue("question", row.claimed_by, "already_claimed")
    now = utc_now()
    values = {
        "status": ANSWERED,
        "answer": answer,
        "answered_by": expert,
        "answered_at": now,
        "claimed_by": row.claimed_by or expert,
        "claimed_at": row.claimed_at or now,
    }
    return update_versioned(session, row, values, ENTITY, _key(row))


def to_faq_key(question_id: int) -> str:
    return f"{FAQ_KEY_PREFIX}{question_id}"


def add_faq_from_answer(
    session: Session, perms: Permissions, question_id: int
) -> models.AuditEntry:
    """The question and its expert's answer as a new FAQ entry, through `/kb faq add`'s edit
    (`entry_edits.add_faq`): checked, audited (`/kb undo N` removes it), allowed to admins
    and to the editors of the question's scope. The entry holds the words as written, in
    both languages' fields (`/kb faq edit` can put a translation in either); its key is
    "expert-ID". InvalidValue "not_answered", or "duplicate" when it was made already."""
    row = get_expert_question(session, question_id)
    if row.status != ANSWERED:
        raise InvalidValue("question", str(question_id), "not_answered")
    key = to_faq_key(question_id)
    priority = row.scope if row.scope and row.scope != "all" else None
    entry = add_faq(
        session,
        perms,
        key,
        question_en=row.question,
        question_zh=row.question,
        answer_en=row.answer,
        answer_zh=row.answer,
        priority_code=priority,
    )
    row.faq_key = key
    session.add(row)
    session.flush()
    return entry


def list_expert_questions(
    session: Session,
    statuses: Collection[str] = STATUSES,
    since: datetime | None = None,
    limit: int = QUEUE_LIMIT,
) -> list[models.ExpertQuestion]:
    """Questions of these statuses, open ones first, then claimed, then answered, newest
    first within each; at most `limit`."""
    statement = select(models.ExpertQuestion).where(
        col(models.ExpertQuestion.status).in_(list(statuses))
    )
    if since is not None:
        statement = statement.where(col(models.ExpertQuestion.at) >= since)
    rows = list(session.exec(statement.order_by(col(models.ExpertQuestion.id).desc())))
    rows.sort(key=lambda row: STATUSES.index(row.status) if row.status in STATUSES else 3)
    return rows[: max(limit, 0)]


def list_unanswered(
    session: Session, scopes: Collection[str] | None, before: datetime
) -> list[models.ExpertQuestion]:
    """Questions asked before `before` that no expert has answered yet, oldest first; with
    `scopes`, those of these scopes only (a digest of P1 lists P1's)."""
    statement = (
        select(models.ExpertQuestion)
        .where(col(models.ExpertQuestion.status).in_([OPEN, CLAIMED]))
        .where(col(models.ExpertQuestion.at) < before)
    )
    if scopes is not None:
        statement = statement.where(col(models.ExpertQuestion.scope).in_(list(scopes)))
    return list(session.exec(statement.order_by(col(models.ExpertQuestion.id))))
