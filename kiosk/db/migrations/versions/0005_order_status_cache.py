"""after the purchase: the store's last answer about each order looked up here (contact masked)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 05:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'order_status_cache',
        sa.Column('order_uuid', sa.String(length=36), nullable=False),
        sa.Column('order_key', sa.String(length=32), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('fetched_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('order_uuid', name=op.f('pk_order_status_cache')),
    )
    with op.batch_alter_table('order_status_cache', schema=None) as batch_op:
        batch_op.create_index('ix_order_status_cache_order_key', ['order_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_status_cache', schema=None) as batch_op:
        batch_op.drop_index('ix_order_status_cache_order_key')
    op.drop_table('order_status_cache')
