"""Codes that rows share across the store: the total budget line, the admins' document."""

TOTAL_CODE = "TOTAL"

# The document code of staffbot's own knowledge base: figures and texts admins entered.
ADMIN_DOC = "KB"
