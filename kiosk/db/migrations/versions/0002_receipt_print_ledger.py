"""receipt print ledger: each order's receipt is sent to the printer at most once

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 23:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receipt_state', sa.String(length=16), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('receipt_sent_at', sa.DateTime(), nullable=True))
    # orders paid before the ledger existed had their receipt printed by the old code path
    op.execute("UPDATE orders SET receipt_state = 'printed' WHERE state IN ('PAID', 'SYNCED', 'PAID_ORPHAN')")


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('receipt_sent_at')
        batch_op.drop_column('receipt_state')
