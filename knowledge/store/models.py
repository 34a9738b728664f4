"""The store's tables: every record keeps its Chinese text, an English rendering and its source."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=8)
    file: str = Field(max_length=200)
    symbol: str = Field(default="", max_length=100)
    title_zh: str
    title_en: str


class Priority(SQLModel, table=True):
    """An ITU-D priority (P1–P5) or enabler (E1–E5)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=16)
    label: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    position: int = 0
    name_zh: str
    name_en: str
    includes_zh: str = ""
    includes_en: str = ""
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)


class Theme(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=16)
    priority_code: str = Field(index=True, foreign_key="priority.code", max_length=16)
    position: int = 0
    name_zh: str
    name_en: str
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)


class BudgetLine(SQLModel, table=True):
    """One budget figure as one section of a source prints it (sources may disagree)."""

    __table_args__ = (UniqueConstraint("year", "subject_code", "doc", "section"),)
    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    subject_code: str = Field(index=True, max_length=16)
    amount_chf: int
    share_of_parent: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 1)))
    share_of_total: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 1)))
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ThemeStatement(SQLModel):
    """The columns an outcome and an output share: a sentence of a theme, in order."""

    id: int | None = Field(default=None, primary_key=True)
    theme_code: str = Field(index=True, foreign_key="theme.code", max_length=16)
    position: int = 0
    text_zh: str
    text_en: str
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)


class Outcome(ThemeStatement, table=True):
    """An expected result (成果) of a theme."""


class Output(ThemeStatement, table=True):
    """A product or service (输出成果) of a theme."""


class Kpi(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=24)
    theme_code: str = Field(index=True, foreign_key="theme.code", max_length=16)
    position: int = 0
    text_zh: str
    text_en: str
    retired: bool = False
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class KpiProgress(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kpi_code: str = Field(index=True, foreign_key="kpi.code", max_length=24)
    value: Decimal = Field(sa_column=Column(Numeric(18, 4), nullable=False))
    target: Decimal | None = Field(default=None, sa_column=Column(Numeric(18, 4)))
    as_of: date = Field(index=True)
    note: str = ""
    recorded_by: str = Field(max_length=64)
    recorded_at: datetime = Field(default_factory=utc_now)


class Risk(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=8)
    position: int = 0
    category_zh: str
    category_en: str
    description_zh: str
    description_en: str
    probability_zh: str
    probability_en: str
    impact_zh: str
    impact_en: str
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)


class RiskMitigation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    risk_code: str = Field(index=True, foreign_key="risk.code", max_length=8)
    position: int = 0
    text_zh: str
    text_en: str


class Fact(SQLModel, table=True):
    """A highlight, figure, definition, event, date or list from a source."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=80)
    kind: str = Field(max_length=16)
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    figures: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    year: int | None = None
    priority_code: str | None = Field(default=None, index=True, max_length=16)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    keywords_zh: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    questions_en: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    questions_zh: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Alias(SQLModel, table=True):
    """A synonym the matcher uses for a priority, theme or risk code."""

    __table_args__ = (UniqueConstraint("alias", "target_code"),)
    id: int | None = Field(default=None, primary_key=True)
    alias: str = Field(index=True, max_length=120)
    lang: str = Field(max_length=2)
    target_code: str = Field(index=True, max_length=24)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Faq(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=80)
    question_en: str
    question_zh: str
    alternates: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answer_en: str
    answer_zh: str
    # The priority an editor must be assigned to change this entry; None: admins only.
    priority_code: str | None = Field(default=None, index=True, max_length=16)
    doc: str = Field(max_length=8)
    section: str = Field(max_length=100)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class AuditEntry(SQLModel, table=True):
    """One change to the knowledge: who, when, what, before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=32)
    entity_key: str = Field(index=True, max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # The change this one undid (`/kb undo N`), if it is an undo.
    reverts_id: int | None = Field(default=None, index=True)


class Feedback(SQLModel, table=True):
    """A user's vote on an answer: helpful or not, with the question and the answer given."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    user_id: str = Field(index=True, max_length=64)
    channel: str = Field(max_length=16)
    question: str = Field(max_length=4000)
    answer_text: str
    intent: str = Field(max_length=32)
    lang: str = Field(max_length=2)
    answered: bool
    helpful: bool = Field(index=True)


class HandledEvent(SQLModel, table=True):
    """Chat work claimed once, in any process: `event_id` is its claim key (an event, a
    command or click, an answer posted to a channel); pruned after a while."""

    event_id: str = Field(primary_key=True, max_length=120)
    at: datetime = Field(default_factory=utc_now, index=True)


class Synonym(SQLModel, table=True):
    """A word of a synonym group: the matcher reads any word of a group as any other."""

    __table_args__ = (UniqueConstraint("group", "word"),)
    id: int | None = Field(default=None, primary_key=True)
    group: str = Field(index=True, max_length=40)
    word: str = Field(index=True, max_length=60)


class Member(SQLModel, table=True):
    """A person who may change the knowledge: an admin, or an editor of one priority."""

    __table_args__ = (UniqueConstraint("platform", "user_id", "role", "scope"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(index=True, max_length=64)
    role: str = Field(max_length=16)  # "admin" | "editor"
    scope: str = Field(default="", max_length=16)  # an editor's priority code; "" for admins
    added_by: str = Field(max_length=64)
    added_at: datetime = Field(default_factory=utc_now)


class Owner(SQLModel, table=True):
    """A person who owns a KPI, a theme or a priority: reminded of it, and may record its
    progress without being an editor."""

    __table_args__ = (UniqueConstraint("platform", "user_id", "scope"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(index=True, max_length=64)
    scope: str = Field(index=True, max_length=24)  # a KPI, theme or priority code
    added_by: str = Field(max_length=64)
    added_at: datetime = Field(default_factory=utc_now)


class DeclinedQuestion(SQLModel, table=True):
    """A question the bot could not answer, kept for the admins' feedback review."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(max_length=64)
    question: str = Field(max_length=4000)
    lang: str = Field(max_length=2)
    intent: str = Field(max_length=32)


class Subscription(SQLModel, table=True):
    """A scheduled reminder or digest: what, where, for which scope, when, in which language."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # "reminder" | "digest"
    platform: str = Field(default="slack", max_length=16)
    # Slack: a channel id; Teams: a Bot Connector conversation id (up to 255 characters).
    channel: str = Field(index=True, max_length=255)
    scope: str = Field(default="all", max_length=24)  # "all", a priority/enabler or a theme
    schedule: str = Field(max_length=120)  # as the admin wrote it: "mon 09:00" or a cron line
    schedule_kind: str = Field(max_length=8)  # "at" | "cron"
    tz: str = Field(max_length=64)  # IANA time zone
    lang: str = Field(max_length=2)
    paused: bool = False
    quiet_when_empty: bool = True  # a reminder with nothing to report posts nothing
    # "channel": posted to `channel`; "owners": each owner of an overdue KPI in scope gets a
    # direct message listing only their own (reminders only).
    audience: str = Field(
        default="channel", max_length=16, sa_column_kwargs={"server_default": "channel"}
    )
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now)
    removed_at: datetime | None = Field(default=None, index=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # The holiday calendar it follows ("" none): a period on a holiday moves to the next
    # working day.
    holidays: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})


class Delivery(SQLModel, table=True):
    """One subscription's post for one period: claimed before it is sent, marked after."""

    __table_args__ = (UniqueConstraint("subscription_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(index=True, foreign_key="subscription.id")
    # The scheduled time this post is for (aware, stored as UTC); with the subscription, the key.
    period: datetime = Field(index=True)
    status: str = Field(index=True, max_length=16)  # claimed|sent|failed|missed|skipped
    claimed_by: str = Field(default="", max_length=120)
    claimed_at: datetime = Field(default_factory=utc_now)
    attempts: int = 0
    ts: str | None = Field(default=None, max_length=40)  # the platform's message id
    error: str = Field(default="", max_length=500)
    finished_at: datetime | None = None


class ConversationRef(SQLModel, table=True):
    """Where a chat platform lets the bot post unasked (Teams: a conversation reference)."""

    __table_args__ = (UniqueConstraint("platform", "conversation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    conversation_id: str = Field(index=True, max_length=255)
    service_url: str = Field(max_length=500)
    tenant_id: str = Field(default="", max_length=64)
    kind: str = Field(max_length=16)  # "personal" | "channel" | "groupChat"
    title: str = Field(default="", max_length=200)  # team/channel or chat name, for listing
    user_id: str = Field(default="", max_length=64)  # personal chats: the user's id
    bot_id: str = Field(default="", max_length=128)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    removed_at: datetime | None = Field(default=None, index=True)


class Away(SQLModel, table=True):
    """A person's time away: no personal reminders from `start` to `until`, both included."""

    __table_args__ = (UniqueConstraint("platform", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(index=True, max_length=64)
    start: date
    until: date = Field(index=True)
    set_at: datetime = Field(default_factory=utc_now)


class Holiday(SQLModel, table=True):
    """A day off in a named holiday calendar ("un-geneva") that subscriptions may follow."""

    __table_args__ = (UniqueConstraint("calendar", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    calendar: str = Field(index=True, max_length=40)
    day: date
    name_en: str = Field(default="", max_length=200)
    name_zh: str = Field(default="", max_length=200)


class Snooze(SQLModel, table=True):
    """A reminder a person asked to get again later, by DM; the scheduler delivers it once.

    One per person and reminder message (`source`): a second click moves its time while it
    is still pending. Claimed like a Delivery (compare and swap on `claimed_by` and
    `attempts`) before it is sent."""

    __table_args__ = (UniqueConstraint("platform", "user_id", "source"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(index=True, max_length=64)
    # Where the DM goes: Slack, the user id (its DM is opened); Teams, the personal chat's id.
    channel: str = Field(max_length=255)
    subscription_id: int = Field(index=True, foreign_key="subscription.id")
    source: str = Field(max_length=120)  # the reminder message clicked
    # A personal reminder's owner ("platform:user_id"): only their KPIs come back ("" a
    # channel's reminder: the whole scope).
    owner: str = Field(default="", max_length=120, sa_column_kwargs={"server_default": ""})
    due_at: datetime = Field(index=True)
    status: str = Field(index=True, max_length=16)  # pending|claimed|sent|failed|skipped
    claimed_by: str = Field(default="", max_length=120)
    claimed_at: datetime | None = None
    attempts: int = 0
    ts: str | None = Field(default=None, max_length=40)
    error: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utc_now)


class Evidence(SQLModel, table=True):
    """What someone's use says a question means: a "did you mean" suggestion clicked, or an
    answer voted helpful, names the record the question was meant for. Kept for the admins'
    review (`/kb feedback`); an admin may teach it (TaughtPhrasing), nothing learns alone."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    question: str = Field(max_length=500)  # as asked
    key: str = Field(index=True, max_length=500)  # normalised: the questions one group shares
    lang: str = Field(max_length=2)
    record: str = Field(index=True, max_length=120)  # "fact:KEY", "kpi:CODE", …
    kind: str = Field(max_length=16)  # "suggestion" | "helpful"
    platform: str = Field(default="slack", max_length=16)
    user_id: str = Field(max_length=64)


class TaughtPhrasing(SQLModel, table=True):
    """A phrasing an admin taught: the answer engine reads it as a key text of its record.
    One record per phrasing (whatever its case, spacing or script: checked when taught)."""

    id: int | None = Field(default=None, primary_key=True)
    record: str = Field(index=True, max_length=120)  # "fact:KEY", "kpi:CODE", …
    phrasing: str = Field(unique=True, max_length=500)
    lang: str = Field(max_length=2)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ExpertChannel(SQLModel, table=True):
    """Where questions the bot could not answer go, for a person to answer: per platform and
    scope ("all", or a priority or enabler code)."""

    __table_args__ = (UniqueConstraint("platform", "scope"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="slack", max_length=16)
    scope: str = Field(default="all", max_length=16)
    # Slack: a channel id; Teams: a Bot Connector conversation id.
    channel: str = Field(max_length=255)
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ExpertQuestion(SQLModel, table=True):
    """A question handed to the experts: who asked, where, what the bot said, and what
    became of it (open, claimed, answered)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    platform: str = Field(default="slack", max_length=16)
    asker_id: str = Field(max_length=64)
    question: str = Field(max_length=4000)
    lang: str = Field(max_length=2)
    script: str = Field(default="", max_length=8)
    bot_answer: str = Field(default="", max_length=4000)
    reason: str = Field(max_length=16)  # "declined" | "not_helpful"
    scope: str = Field(default="all", index=True, max_length=16)
    # Where the asker is answered: a channel (and thread), or "" for a direct message.
    origin_channel: str = Field(default="", max_length=255)
    origin_thread: str = Field(default="", max_length=64)
    # The experts' channel and the card's message there (Slack's ts, Teams' activity id).
    expert_channel: str = Field(max_length=255)
    card_id: str = Field(default="", max_length=255)
    status: str = Field(default="open", index=True, max_length=16)
    claimed_by: str = Field(default="", max_length=64)
    claimed_at: datetime | None = None
    answer: str = Field(default="", max_length=4000)
    answered_by: str = Field(default="", max_length=64)
    answered_at: datetime | None = None
    faq_key: str = Field(default="", max_length=80)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ConversationContext(SQLModel, table=True):
    """What the last answered turn of a conversation (a Slack thread or DM, a Teams chat or
    reply chain) leaves for a follow-up: a `TurnContext` as JSON. Its row also says the bot
    answered there, which is what lets a thread's later messages be answered unmentioned."""

    __table_args__ = (UniqueConstraint("platform", "conversation_key"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    conversation_key: str = Field(max_length=255)
    context: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utc_now, index=True)
