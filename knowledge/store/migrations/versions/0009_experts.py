"""experts: the experts' channels and the questions handed to them

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_text = sqlmodel.sql.sqltypes.AutoString
_time = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "expertchannel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", _text(length=16), nullable=False),
        sa.Column("scope", _text(length=16), nullable=False),
        sa.Column("channel", _text(length=255), nullable=False),
        sa.Column("created_by", _text(length=64), nullable=False),
        sa.Column("created_at", _time(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "scope"),
    )
    op.create_table(
        "expertquestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _time(), nullable=False),
        sa.Column("platform", _text(length=16), nullable=False),
        sa.Column("asker_id", _text(length=64), nullable=False),
        sa.Column("question", _text(length=4000), nullable=False),
        sa.Column("lang", _text(length=2), nullable=False),
        sa.Column("script", _text(length=8), nullable=False),
        sa.Column("bot_answer", _text(length=4000), nullable=False),
        sa.Column("reason", _text(length=16), nullable=False),
        sa.Column("scope", _text(length=16), nullable=False),
        sa.Column("origin_channel", _text(length=255), nullable=False),
        sa.Column("origin_thread", _text(length=64), nullable=False),
        sa.Column("expert_channel", _text(length=255), nullable=False),
        sa.Column("card_id", _text(length=255), nullable=False),
        sa.Column("status", _text(length=16), nullable=False),
        sa.Column("claimed_by", _text(length=64), nullable=False),
        sa.Column("claimed_at", _time(), nullable=True),
        sa.Column("answer", _text(length=4000), nullable=False),
        sa.Column("answered_by", _text(length=64), nullable=False),
        sa.Column("answered_at", _time(), nullable=True),
        sa.Column("faq_key", _text(length=80), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("expertquestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expertquestion_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_expertquestion_scope"), ["scope"], unique=False)
        batch_op.create_index(batch_op.f("ix_expertquestion_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("expertquestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expertquestion_status"))
        batch_op.drop_index(batch_op.f("ix_expertquestion_scope"))
        batch_op.drop_index(batch_op.f("ix_expertquestion_at"))
    op.drop_table("expertquestion")
    op.drop_table("expertchannel")
