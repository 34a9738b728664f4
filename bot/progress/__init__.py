"""Recording KPI progress from a reminder's form, for any chat platform: what the form shows,
what a submission records, and the reminder shown again in place. No platform here."""

from bot.progress.forms import (
    AS_OF_FIELD,
    NOTE_FIELD,
    FormEntry,
    FormKpi,
    FormOutcome,
    ProgressForm,
    ProgressForms,
    render_progress_text,
    to_field_id,
)
from bot.progress.values import MAX_FORM_KPIS, FormRequest, ReminderRef, read_form_request

__all__ = [
    "AS_OF_FIELD",
    "MAX_FORM_KPIS",
    "NOTE_FIELD",
    "FormEntry",
    "FormKpi",
    "FormOutcome",
    "FormRequest",
    "ProgressForm",
    "ProgressForms",
    "ReminderRef",
    "read_form_request",
    "render_progress_text",
    "to_field_id",
]
