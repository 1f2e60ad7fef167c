"""reports: when each order was paid, a salted shopper hash per order, kiosks' funnel counts

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 02:40:00

Orders already stored get their received time as their paid time, and a shopper hash of "?": the salt
lives outside the database, so the store hashes them when it next starts (`cloudstore.shoppers.backfill`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PENDING = "?"  # cloudstore.shoppers.PENDING, spelled out: a migration keeps its own constants


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paid_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("shopper_hash", sa.String(length=64), server_default="",
                                      nullable=False))
    op.execute(f"UPDATE orders SET paid_at = received_at, shopper_hash = '{PENDING}'")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.alter_column("paid_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index(batch_op.f("ix_orders_paid_at"), ["paid_at"], unique=False)
    op.create_table(
        "funnel_counts",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("device_id", "day", "step"),
    )
    with op.batch_alter_table("funnel_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funnel_counts_day"), ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("funnel_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funnel_counts_day"))
    op.drop_table("funnel_counts")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_paid_at"))
        batch_op.drop_column("shopper_hash")
        batch_op.drop_column("paid_at")
