"""The store: tables, engines, schema migrations, the codes rows share and the revision."""

from knowledge.store import migrate, models
from knowledge.store.codes import ADMIN_DOC, TOTAL_CODE, find_priority_code, to_label_codes
from knowledge.store.db import (
    check_connection,
    create_db_engine,
    to_engine_url,
    to_safe_url,
    to_sqlite_url,
    to_store_unavailable,
)
from knowledge.store.deadlines import (
    HEALTH_CHECK_TIMEOUT_S,
    LOAD_TIMEOUT_S,
    STORE_CALL_TIMEOUT_S,
    deadline,
)
from knowledge.store.models import (
    AuditEntry,
    ConversationContext,
    ConversationRef,
    Delivery,
    KpiProgress,
    Subscription,
    utc_now,
)
from knowledge.store.revision import RevisionMark, get_revision, get_revision_mark

__all__ = [
    "ADMIN_DOC",
    "HEALTH_CHECK_TIMEOUT_S",
    "LOAD_TIMEOUT_S",
    "STORE_CALL_TIMEOUT_S",
    "TOTAL_CODE",
    "AuditEntry",
    "ConversationContext",
    "ConversationRef",
    "Delivery",
    "KpiProgress",
    "RevisionMark",
    "Subscription",
    "check_connection",
    "create_db_engine",
    "deadline",
    "find_priority_code",
    "get_revision",
    "get_revision_mark",
    "migrate",
    "models",
    "to_engine_url",
    "to_label_codes",
    "to_safe_url",
    "to_sqlite_url",
    "to_store_unavailable",
    "utc_now",
]
