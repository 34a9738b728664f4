"""conversation contexts (follow-up questions)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 15:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
# Issue 14 part A; the lead re-chains it after the other branches' revisions at merge.
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversationcontext",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("conversation_key", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "conversation_key"),
    )
    with op.batch_alter_table("conversationcontext", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversationcontext_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("conversationcontext", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversationcontext_updated_at"))
    op.drop_table("conversationcontext")
