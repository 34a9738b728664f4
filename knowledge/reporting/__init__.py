"""What reminders and digests report: scopes, KPI status and changes over a window."""

from knowledge.reporting.progress import (
    DIGEST_WINDOW_DAYS,
    REMINDER_WINDOW_DAYS,
    STALE_AFTER_DAYS,
    BudgetOverview,
    KnowledgeChange,
    KpiStatus,
    ProgressRecord,
    Scope,
    ThemeKpis,
    UnknownScope,
    get_budget_overview,
    list_knowledge_changes,
    list_kpis_due,
    list_progress,
    list_stale_kpis,
    resolve_scope,
)

__all__ = [
    "DIGEST_WINDOW_DAYS",
    "REMINDER_WINDOW_DAYS",
    "STALE_AFTER_DAYS",
    "BudgetOverview",
    "KnowledgeChange",
    "KpiStatus",
    "ProgressRecord",
    "Scope",
    "ThemeKpis",
    "UnknownScope",
    "get_budget_overview",
    "list_knowledge_changes",
    "list_kpis_due",
    "list_progress",
    "list_stale_kpis",
    "resolve_scope",
]
