"""Changing the knowledge: permissions, roles, audited edits with undo, export and import."""

from knowledge.editing import (
    audit,
    budget_edits,
    entry_edits,
    expert_channels,
    expert_questions,
    kpi_edits,
    owners,
    phrasings,
    roles,
)
from knowledge.editing.amounts import (
    MAX_AMOUNT_CHF,
    YEAR_MAX,
    YEAR_MIN,
    parse_amount,
    parse_date,
    parse_number,
    parse_year,
)
from knowledge.editing.audit import record_change, run_edit
from knowledge.editing.permissions import Actor, Permissions
from knowledge.editing.roles import (
    DEFAULT_PLATFORM,
    ROLE_ADMIN,
    ROLE_EDITOR,
    add_member,
    list_members,
    remove_member,
)
from knowledge.editing.transfer import apply_import, export_store, plan_import

__all__ = [
    "DEFAULT_PLATFORM",
    "MAX_AMOUNT_CHF",
    "ROLE_ADMIN",
    "ROLE_EDITOR",
    "YEAR_MAX",
    "YEAR_MIN",
    "Actor",
    "Permissions",
    "add_member",
    "apply_import",
    "audit",
    "budget_edits",
    "entry_edits",
    "expert_channels",
    "expert_questions",
    "export_store",
    "kpi_edits",
    "list_members",
    "owners",
    "parse_amount",
    "parse_date",
    "parse_number",
    "parse_year",
    "phrasings",
    "plan_import",
    "record_change",
    "remove_member",
    "roles",
    "run_edit",
]
