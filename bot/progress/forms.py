"""The progress form: what it shows for the KPIs of an Update click, and recording what was
submitted through the one edit path (`kpi_edits.record_progress`), once per submission."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from bot.kb.changes import LIMITS
from bot.kb.replies import render_kb_text
from bot.progress.values import FormRequest
from bot.rendering import render_template
from bot.report_text import to_number_text
from knowledge.answering import to_script
from knowledge.editing import Actor, kpi_edits, parse_date, parse_number, roles
from knowledge.errors import InvalidValue, NotPermitted, StoreFull, StoreUnavailable, UnknownCode
from knowledge.reporting import resolve_scope
from knowledge.store import STORE_CALL_TIMEOUT_S, deadline, models, to_store_unavailable
from scheduler.reports import Reminder, ReportBuilder, build_reminder

logger = logging.getLogger(__name__)

TEMPLATE_FOLDER = "progress"
AS_OF_FIELD = "as_of"
NOTE_FIELD = "note"
# A submission's claim: the same form submitted twice (a double click, a redelivery) records
# once. The key is the platform's id of the form (Slack: the view id).
CLAIM_PREFIX = "progress-form:"
# A submission is checked and recorded before it is acknowledged (so that a refusal shows on
# its field), and Slack waits 3 s for that: the store gets less than that, else the person
# is told it is unavailable (nothing recorded) and may submit again.
SUBMIT_TIMEOUT_S = 2.5


def to_field_id(name: str, code: str | None = None) -> str:
    """The id of a form field: "value:P4-CD-1", "target:P4-CD-1", "as_of", "note"."""
    return f"{name}:{code}" if code else name


def render_progress_text(name: str, lang: str, script: str = "", **parts: Any) -> str:
    """A sentence of the progress form, from `templates/progress/<lang>/<name>.j2`, in the
    script of the answer the form was opened from."""
    return render_template(TEMPLATE_FOLDER, name, lang, script, **parts)


def to_today(tz: str | None, now: datetime | None = None) -> date:
    """Today in the person's time zone (UTC when it is unknown)."""
    moment = now or datetime.now(UTC)
    try:
        zone = ZoneInfo(tz) if tz else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return moment.astimezone(zone).date()


@dataclass(frozen=True)
class FormKpi:
    """A KPI as the form shows it: its text in the form's language, its last value and
    target (None: never recorded, no target)."""

    code: str
    text: str
    last_value: str | None
    last_as_of: str | None
    target: str | None


@dataclass(frozen=True)
class ProgressForm:
    """The form of an Update click: one KPI (value, target, date, note) or several (a value
    each, one date and note)."""

    lang: str
    request: FormRequest
    kpis: tuple[FormKpi, ...]
    today: date

    @property
    def is_several(self) -> bool:
        return len(self.kpis) > 1

    @property
    def script(self) -> str:
        return self.request.script

    def render(self, name: str, **parts: Any) -> str:
        return render_progress_text(name, self.lang, self.script, form=self, **parts)


@dataclass(frozen=True)
class FormEntry:
    """What was typed for one KPI: its value ("" when left empty) and target."""

    code: str
    value: str
    target: str = ""


@dataclass(frozen=True)
class FormOutcome:
    """What submitting did. `errors`: field id → sentence (nothing recorded); `notice`: a
    sentence for the whole form (store unavailable…); else `recorded` codes (empty and
    `already` when the same submission was recorded before) and the reminder as it stands
    now, to show in place of the one posted."""

    lang: str
    errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None
    recorded: tuple[str, ...] = ()
    already: bool = False
    reminder: Reminder | None = None
    # Recorded, but the reminder could not be built again: the person is told so, and the
    # message posted stays as it was.
    not_refreshed: bool = False

    @property
    def is_done(self) -> bool:
        return not self.errors and self.notice is None


def _to_outcome_script(outcome: FormOutcome, script: str) -> FormOutcome:
    """The outcome's sentences (the field errors, the notice) in the form's script."""
    if not script:
        return outcome
    errors = {name: to_script(text, script) for name, text in outcome.errors.items()}
    notice = None if outcome.notice is None else to_script(outcome.notice, script)
    return replace(outcome, errors=errors, notice=notice)


class ProgressForms:
    """Opens and submits progress forms on one store; permissions as `/kb progress`."""

    def __init__(
        self,
        db_engine: Engine,
        reports: ReportBuilder,
        env_admins: Collection[str] = (),
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self.db_engine = db_engine
        self.reports = reports
        self.env_admins = frozenset(env_admins)
        self.on_commit = on_commit

    # -- opening ------------------------------------------------------------------------

    async def open_form(
        self, actor: Actor, request: FormRequest, lang: str, tz: str | None = None
    ) -> ProgressForm | str:
        """The form for `request`, or the sentence that says why there is none (nobody may
        record these KPIs, an unknown KPI, the store is unavailable)."""
        try:
            return await asyncio.to_thread(self._open_form, actor, request, lang, tz)
        except (StoreUnavailable, SQLAlchemyError):
            logger.warning("store unavailable: progress form not opened")
            return render_progress_text("unavailable", lang, request.script)

    def _session(self) -> Session:
        return Session(self.db_engine, expire_on_commit=False)

    def _open_form(
        self, actor: Actor, request: FormRequest, lang: str, tz: str | None
    ) -> ProgressForm | str:
        with deadline(self.db_engine, STORE_CALL_TIMEOUT_S), self._session() as session:
            perms = roles.get_permissions(session, actor, self.env_admins)
            kpis = []
            for code in request.codes:
                try:
                    kpi = kpi_edits.get_kpi(session, code)
                except UnknownCode:
                    continue
                if kpi.retired or not kpi_edits.can_record_progress(session, perms, kpi.code):
                    continue
                kpis.append(self._to_form_kpi(session, kpi, lang, request.script))
            if not kpis:
                logger.warning("progress form refused to %s", actor.to_audit())
                return render_progress_text(
                    "not_permitted", lang, request.script, codes=request.codes
                )
            return ProgressForm(lang, request, tuple(kpis), to_today(tz))

    def _to_form_kpi(self, session: Session, kpi: models.Kpi, lang: str, script: str) -> FormKpi:
        history = kpi_edits.list_progress(session, kpi.code, limit=1)
        last = history[0] if history else None
        target = next(
            (r.target for r in kpi_edits.list_progress(session, kpi.code) if r.target is not None),
            None,
        )
        return FormKpi(
            kpi.code,
            to_script(kpi.text_zh, script) if lang == "zh" else kpi.text_en,
            None if last is None else to_number_text(last.value),
            None if last is None else last.as_of.isoformat(),
            None if target is None else to_number_text(target),
        )

    # -- submitting ---------------------------------------------------------------------

    async def submit(
        self,
        actor: Actor,
        request: FormRequest,
        entries: Sequence[FormEntry],
        as_of: str,
        note: str,
        lang: str,
        key: str,
        tz: str | None = None,
    ) -> FormOutcome:
        """Records what the form holds, each value as `/kb progress` would (the same checks,
        sentences and permissions), all in one transaction with the submission's claim `key`:
        all or nothing, and once."""
        try:
            outcome = await asyncio.to_thread(
                self._submit, actor, request, entries, as_of, note, lang, key, tz
            )
        except StoreFull:
            outcome = FormOutcome(lang, notice=render_kb_text("store_full", lang))
        except (StoreUnavailable, SQLAlchemyError):
            logger.warning("store unavailable: progress form not recorded")
            outcome = FormOutcome(lang, notice=render_progress_text("unavailable", lang))
        return _to_outcome_script(outcome, request.script)

    def _submit(
        self,
        actor: Actor,
        request: FormRequest,
        entries: Sequence[FormEntry],
        as_of_text: str,
        note: str,
        lang: str,
        key: str,
        tz: str | None,
    ) -> FormOutcome:
        today = to_today(tz)
        errors: dict[str, str] = {}
        wanted = {c.upper() for c in request.codes}
        readings: list[tuple[str, Decimal, Decimal | None]] = []
        for entry in entries:
            if entry.code.upper() not in wanted:
                continue  # a field this form never had
            value = self._read_number(errors, "value", entry.code, entry.value, lang)
            target = self._read_number(errors, "target", entry.code, entry.target, lang)
            if value is not None:
                readings.append((entry.code, value, target))
            elif entry.target.strip() and to_field_id("value", entry.code) not in errors:
                errors[to_field_id("value", entry.code)] = render_progress_text("no_value", lang)
        as_of = None
        if as_of_text.strip():
            try:
                as_of = parse_date(as_of_text, today)
            except InvalidValue as exc:
                errors[AS_OF_FIELD] = self._invalid(exc, lang)
        if not readings and not errors and entries:
            errors[to_field_id("value", entries[0].code)] = render_progress_text("no_value", lang)
        if errors:
            return FormOutcome(lang, errors=errors)
        try:
            with deadline(self.db_engine, SUBMIT_TIMEOUT_S), self._session() as session:
                outcome = self._record(session, actor, readings, as_of, note, lang, key, today)
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc
        if outcome.is_done and outcome.recorded and self.on_commit is not None:
            self.on_commit()
        return outcome

    async def refresh(self, outcome: FormOutcome, request: FormRequest) -> FormOutcome:
        """A done submission of a form opened on a reminder, with that reminder built again.
        It was committed already: a failure here is "recorded, not refreshed", never
        "nothing recorded"."""
        if not outcome.is_done or request.ref is None:
            return outcome
        try:
            reminder = await asyncio.to_thread(self.build_reminder_again, request)
        except Exception:  # the progress is stored whatever goes wrong here
            logger.exception("progress recorded; reminder not built again")
            return replace(outcome, not_refreshed=True)
        return replace(outcome, reminder=reminder)

    def _read_number(
        self, errors: dict[str, str], name: str, code: str, text: str, lang: str
    ) -> Decimal | None:
        if not text.strip():
            return None
        try:
            return parse_number(text, name)
        except InvalidValue as exc:
            errors[to_field_id(name, code)] = self._invalid(exc, lang)
            return None

    def _invalid(self, exc: InvalidValue, lang: str) -> str:
        """The sentence `/kb progress` gives for the same mistake."""
        value = "" if exc.value is None else str(exc.value)
        context = {"field": exc.field, "value": value, "reason_key": exc.reason_key}
        return render_kb_text("invalid_value", lang, limits=LIMITS, **context).strip()

    def _record(
        self,
        session: Session,
        actor: Actor,
        readings: list[tuple[str, Decimal, Decimal | None]],
        as_of: date | None,
        note: str,
        lang: str,
        key: str,
        today: date,
    ) -> FormOutcome:
        perms = roles.get_permissions(session, actor, self.env_admins)
        session.add(models.HandledEvent(event_id=(CLAIM_PREFIX + key)[:120]))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            logger.info("progress form submitted again: recorded once")
            return FormOutcome(lang, already=True)
        errors: dict[str, str] = {}
        recorded: list[str] = []
        for code, value, target in readings:
            value_field = to_field_id("value", code)
            try:
                entry = kpi_edits.record_progress(
                    session, perms, code, value, target, as_of, note, today=today
                )
            except NotPermitted:
                errors[value_field] = render_progress_text("not_permitted", lang, codes=[code])
                continue
            except UnknownCode:
                errors[value_field] = render_progress_text("unknown_kpi", lang, code=code)
                continue
            except InvalidValue as exc:
                where = {"target": to_field_id("target", code), "as_of": AS_OF_FIELD}
                name = NOTE_FIELD if exc.field == "note" else where.get(exc.field, value_field)
                errors[name] = self._invalid(exc, lang)
                continue
            recorded.append(str((entry.after or {}).get("kpi_code", code)))
        if errors:
            session.rollback()
            return FormOutcome(lang, errors=errors)
        session.commit()
        return FormOutcome(lang, recorded=tuple(recorded))

    def build_reminder_again(self, request: FormRequest) -> Reminder | None:
        """The reminder the form was opened from, as it stands now: what is still due, and
        what was recorded since it was posted as done. None if its scope is gone."""
        ref = request.ref
        if ref is None:
            return None
        with self._session() as session:
            knowledge = self.reports.knowledge_cache.get(session)
            try:
                scope = resolve_scope(knowledge, ref.scope)
            except UnknownCode:
                return None
            now = datetime.now(UTC)
            reminder = build_reminder(
                session, scope, ref.lang, now, knowledge, owner=ref.owner, posted_at=ref.posted_at
            )
            return replace(reminder, subscription_id=ref.subscription_id)
