"""learning evidence and taught phrasings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("record", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("platform", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_record"), ["record"], unique=False)

    op.create_table(
        "taughtphrasing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("phrasing", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("phrasing"),
    )
    with op.batch_alter_table("taughtphrasing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taughtphrasing_record"), ["record"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("taughtphrasing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taughtphrasing_record"))
    op.drop_table("taughtphrasing")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_record"))
        batch_op.drop_index(batch_op.f("ix_evidence_key"))
        batch_op.drop_index(batch_op.f("ix_evidence_at"))
    op.drop_table("evidence")
