"""Block Kit for scheduled reminders and digests, within Slack's limits; text from templates."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from bot.progress import MAX_FORM_KPIS, FormRequest, ReminderRef
from bot.report_text import to_actor_text, to_report_parts, to_user_id
from bot.slack.blocks import (
    ACTION_PROGRESS_PREFIX,
    ACTION_SNOOZE_MONDAY,
    ACTION_SNOOZE_TOMORROW,
    MAX_BLOCKS,
    MAX_BUTTON_LABEL,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
    Block,
    Message,
    render_slack_text,
)
from bot.slack.text import escape_text
from knowledge.reporting import ThemeKpis
from scheduler.reports import Reminder, Report

# A header block's plain text is at most this long (Block Kit reference).
MAX_HEADER_CHARS = 150
# KPI texts are shortened to this many characters in a Slack message (the preview and
# `/ask P1-EMT-1` have them whole): 82 KPIs with their commands must fit one message.
MAX_KPI_TEXT = 90
# The fallback `text` (notifications, clients without blocks) stays short.
MAX_FALLBACK_CHARS = 300
# A table block holds at most 100 rows (the header row included), and a message one table.
MAX_TABLE_ROWS = 100
# An actions block holds at most this many elements (Block Kit reference).
MAX_ACTIONS = 25


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escape_kpi_text(text: str) -> str:
    return escape_text(_shorten(text, MAX_KPI_TEXT))


def to_mention(actor: str) -> str:
    """Who recorded something ("slack:U123") as a Slack mention (<@U123>); anyone else
    (the CLI operator, another platform) as escaped text."""
    user_id = to_user_id(actor)
    return f"<@{user_id}>" if user_id else escape_text(to_actor_text(actor))


def to_chart_filename(report: Report) -> str:
    """The chart's file name: "budget-P1-2023-11-22.png"."""
    code = report.scope.code.replace("/", "-")
    return f"budget-{code}-{report.generated_at:%Y-%m-%d}.png"


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": _shorten(text, MAX_HEADER_CHARS)},
    }


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(_shorten(text, MAX_SECTION_CHARS))]}


def _cut_line(line: str, limit: int) -> str:
    """A line (mrkdwn, escaped) cut to `limit` characters without splitting an entity."""
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    amp = cut.rfind("&")
    if amp > cut.rfind(";"):
        cut = cut[:amp]
    return cut + "…"


def to_section_pieces(text: str, limit: int = MAX_SECTION_CHARS) -> list[list[str]]:
    """Escaped mrkdwn text as groups of whole lines, each group at most `limit` characters."""
    pieces: list[list[str]] = []
    current: list[str] = []
    size = 0
    for raw in text.splitlines():
        line = _cut_line(raw, limit)
        extra = len(line) + (1 if current else 0)
        if current and size + extra > limit:
            pieces.append(current)
            current, size, extra = [], 0, len(line)
        current.append(line)
        size += extra
    if any(line.strip() for line in current):
        pieces.append(current)
    return [p for p in pieces if any(line.strip() for line in p)]


class _Fitter:
    """Adds sections while the message stays within Slack's block and size limits."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.size = 0
        self.blocks: list[Block] = []
        self.left_out = 0  # lines that did not fit

    def add_block(self, block: Block, lines: int) -> None:
        """One block (a table) standing for `lines` lines, if it still fits."""
        if self.left_out or len(self.blocks) + 1 > self.room:
            self.left_out += lines
            return
        self.blocks.append(block)

    def add_attached_block(self, block: Block) -> None:
        """A block that belongs to the text added just before it (left out with it)."""
        if not self.left_out and len(self.blocks) + 1 <= self.room:
            self.blocks.append(block)

    def add(self, text: str, *, divider: bool = False) -> None:
        pieces = to_section_pieces(text)
        for index, lines in enumerate(pieces):
            body = "\n".join(lines).strip("\n")
            needed = 1 + (1 if divider and index == 0 and self.blocks else 0)
            if (
                self.left_out
                or len(self.blocks) + needed > self.room
                or (self.size + len(body) > MAX_MESSAGE_CHARS)
            ):
                self.left_out += sum(1 for line in lines if line.strip())
                continue
            if needed == 2:
                self.blocks.append({"type": "divider"})
            self.blocks.append({"type": "section", "text": _mrkdwn(body)})
            self.size += len(body)


def _finish(
    head: list[Block], fitter: _Fitter, tail: list[Block], more: str, lang: str, **parts: Any
) -> list[Block]:
    blocks = [*head, *fitter.blocks]
    if fitter.left_out:
        note = render_slack_text(more, lang, count=fitter.left_out, **parts)
        blocks.append(_context(escape_text(note)))
    return [*blocks, *tail][:MAX_BLOCKS]


def _snooze_buttons(subscription_id: int, lang: str) -> Block:
    """ "Remind me tomorrow" and "… on Monday", for whoever clicks (by DM, once)."""
    buttons = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": render_slack_text(name, lang).strip()},
            "action_id": action_id,
            "value": str(subscription_id),
        }
        for name, action_id in (
            ("button_snooze_tomorrow", ACTION_SNOOZE_TOMORROW),
            ("button_snooze_monday", ACTION_SNOOZE_MONDAY),
        )
    ]
    return {"type": "actions", "elements": buttons}


def _build_reminder(report: Reminder, with_buttons: bool) -> Message:
    lang = report.lang
    parts = to_report_parts(report, escape_text)
    plain = to_report_parts(report)
    short = to_report_parts(report, _escape_kpi_text)
    head: list[Block] = [
        _header(render_slack_text("reminder_title", lang, **plain)),
        {"type": "section", "text": _mrkdwn(render_slack_text("reminder_summary", lang, **parts))},
    ]
    tail: list[Block] = []
    if not report.is_empty:
        example = report.themes[0].kpis[0].code
        tail.append(_context(render_slack_text("reminder_footer", lang, example=example)))
        if report.subscription_id is not None:
            tail.append(_snooze_buttons(report.subscription_id, lang))
    if report.done:
        done = to_report_parts(report, escape_text, to_mention)["done"]
        head.append(
            {
                "type": "section",
                "text": _mrkdwn(render_slack_text("reminder_done", lang, done=done)),
            }
        )
    # One block for the cut note, if needed.
    fitter = _Fitter(MAX_BLOCKS - len(head) - len(tail) - 1)
    ref = ReminderRef(
        report.scope.code, lang, report.generated_at, report.owner, report.subscription_id
    )
    buttons = itertools.count()
    for theme, group in zip(short["themes"], report.themes, strict=True):
        fitter.add(render_slack_text("reminder_theme", lang, theme=theme, **parts))
        if with_buttons:
            fitter.add_attached_block(_build_update_buttons(group, ref, lang, buttons))
    fallback = render_slack_text("reminder_fallback", lang, **plain)
    return {
        "text": escape_text(_shorten(fallback, MAX_FALLBACK_CHARS)),
        "blocks": _finish(head, fitter, tail, "reminder_more", lang),
    }


def _button(text: str, action_id: str, value: str) -> dict[str, Any]:
    label = _shorten(text, MAX_BUTTON_LABEL)
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": action_id,
        "value": value,
    }


def _build_update_buttons(
    group: ThemeKpis, ref: ReminderRef, lang: str, numbers: Iterator[int]
) -> Block:
    """Under a theme's lines: an Update button per KPI (labelled with its code), and
    "Update several" (one form, a row per KPI of the theme) when it lists more than one."""
    codes = [k.code for k in group.kpis][:MAX_FORM_KPIS]
    word = render_slack_text("button_update", lang)
    elements = [
        _button(
            f"{word} {code}",
            f"{ACTION_PROGRESS_PREFIX}{next(numbers)}",
            FormRequest((code,), ref).to_value(),
        )
        for code in codes[: MAX_ACTIONS - 1]
    ]
    if len(codes) > 1:
        elements.append(
            _button(
                render_slack_text("button_update_several", lang),
                f"{ACTION_PROGRESS_PREFIX}{next(numbers)}",
                FormRequest(tuple(codes), ref).to_value(),
            )
        )
    return {"type": "actions", "block_id": f"update-{group.theme_code}", "elements": elements}


def _build_digest(report: Report) -> Message:
    lang = report.lang
    parts = to_report_parts(report, _escape_kpi_text, to_mention)
    plain = to_report_parts(report)
    head: list[Block] = [
        _header(render_slack_text("digest_title", lang, **plain)),
        _context(escape_text(render_slack_text("digest_period", lang, **plain))),
    ]
    tail: list[Block] = []
    if parts["has_chart"] or parts["has_progress_chart"]:
        tail.append(_context(render_slack_text("digest_chart", lang, **parts)))
    fitter = _Fitter(MAX_BLOCKS - len(head) - len(tail) - 1)
    sections = ["digest_budget", "digest_progress", "digest_stale", "digest_changes"]
    if parts["missed"]:
        # Missed posts first after the budget: they must never go unnoticed in a long digest.
        sections.insert(1, "digest_missed")
    if parts["unanswered"]:
        # Questions no expert answered: right after the budget (and missed posts), not lost.
        sections.insert(2 if parts["missed"] else 1, "digest_unanswered")
    for name in sections:
        fitter.add(render_slack_text(name, lang, **parts), divider=True)
        if name == "digest_progress" and parts["targets"]:
            fitter.add(render_slack_text("digest_targets", lang, **parts), divider=True)
            table = _targets_table(parts["targets"], lang)
            fitter.add_block(table, len(table["rows"]) - 1)
        if name == "digest_stale" and parts["away"]:
            fitter.add(render_slack_text("digest_away", lang, **parts))
    fallback = render_slack_text("digest_fallback", lang, **plain)
    return {
        "text": escape_text(_shorten(fallback, MAX_FALLBACK_CHARS)),
        "blocks": _finish(head, fitter, tail, "digest_more", lang),
    }


def _cell(text: str) -> dict[str, Any]:
    return {"type": "raw_text", "text": text}


def _targets_table(targets: list[dict[str, Any]], lang: str) -> Block:
    """Progress against target as a table block: code, value, target, % of target, change
    since last week (raw text: codes and numbers only, so nothing to escape)."""
    header = render_slack_text("digest_targets_header", lang).strip().split("|")
    rows = [[_cell(word) for word in header]]
    for t in targets[: MAX_TABLE_ROWS - 1]:
        share = f"{t['share']}%" if t["share"] is not None else "–"
        values = [t["code"], t["value"], t["target"] or "–", share, t["change"] or "–"]
        rows.append([_cell(value) for value in values])
    settings = [{"is_wrapped": True}, *({"align": "right"} for _ in header[1:])]
    return {"type": "table", "rows": rows, "column_settings": settings}


def build_report_message(report: Report, *, with_buttons: bool = True) -> Message:
    """A reminder or digest as a Slack message: `text` (the notification fallback) and
    `blocks` within Block Kit's limits (at most 50 blocks, 3,000 characters a section;
    what does not fit is left out with a note saying how many lines).

    Text from the store is escaped; recorded_by ids become mentions in a digest. A reminder
    has Update buttons under each theme (not in a preview: `with_buttons=False`).
    """
    if isinstance(report, Reminder):
        return _build_reminder(report, with_buttons)
    return _build_digest(report)
