"""recommendations: the store's "often bought together" lists per product, paid orders newest first

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 03:58:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'together',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('other_id', sa.Integer(), nullable=False),
        sa.Column('orders', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['other_id'], ['products.id'], name=op.f('fk_together_other_id_products'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_together_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('product_id', 'rank', name=op.f('pk_together')),
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_paid_at', ['paid_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_paid_at')
    op.drop_table('together')
