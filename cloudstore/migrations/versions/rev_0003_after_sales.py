"""after the purchase: order timeline events, lookup failures, order keys, request fee differences

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 05:30:00

Orders already stored get their order key (the digits of their order number) here, so a shopper can
look them up by number at once.
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEY_LENGTH = 32
_BACKFILL_PAGE = 1000


def _order_key(order_no: str) -> str:
    """kiosk.order_rules.order_number_key, spelled out: a migration keeps its own rules."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", order_no) if ch.isdigit())[:KEY_LENGTH]


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_key", sa.String(length=KEY_LENGTH), server_default="",
                                      nullable=False))
        batch_op.create_index(batch_op.f("ix_orders_order_key"), ["order_key"], unique=False)
    with op.batch_alter_table("order_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_difference_minor", sa.Integer(), server_default="0",
                                      nullable=False))
    _backfill_order_keys()
    op.create_table(
        "order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_uuid", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["order_uuid"], ["orders.order_uuid"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_events_order_uuid"), ["order_uuid"], unique=False)
    op.create_table(
        "lookup_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lookup_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lookup_failures_scope"), ["scope"], unique=False)
        batch_op.create_index(batch_op.f("ix_lookup_failures_at"), ["at"], unique=False)


def _backfill_order_keys() -> None:
    bind = op.get_bind()
    update = sa.text("UPDATE orders SET order_key = :key WHERE id = :id")
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, order_no FROM orders WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": _BACKFILL_PAGE}).all()
        if not rows:
            return
        bind.execute(update, [{"key": _order_key(order_no or ""), "id": row_id} for row_id, order_no in rows])
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("lookup_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lookup_failures_at"))
        batch_op.drop_index(batch_op.f("ix_lookup_failures_scope"))
    op.drop_table("lookup_failures")
    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_events_order_uuid"))
    op.drop_table("order_events")
    with op.batch_alter_table("order_requests", schema=None) as batch_op:
        batch_op.drop_column("fee_difference_minor")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_order_key"))
        batch_op.drop_column("order_key")
