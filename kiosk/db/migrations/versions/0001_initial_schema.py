"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 16:46:44.791707
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=64), nullable=False),
    sa.Column('icon', sa.String(length=255), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_uuid', sa.String(length=36), nullable=False),
    sa.Column('order_no', sa.String(length=24), nullable=False),
    sa.Column('state', sa.Enum('PENDING_PAYMENT', 'PAID', 'SYNCED', 'PAYMENT_FAILED', 'PAYMENT_UNKNOWN', 'CANCELLED', 'PAID_ORPHAN', name='order_state', native_enum=False, length=24), nullable=False),
    sa.Column('fulfilment', sa.Enum('pickup', 'delivery', name='fulfilment', native_enum=False, length=24), nullable=False),
    sa.Column('store_status', sa.String(length=24), nullable=False),
    sa.Column('tracking_no', sa.String(length=64), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('subtotal_minor', sa.Integer(), nullable=False),
    sa.Column('shipping_minor', sa.Integer(), nullable=False),
    sa.Column('total_minor', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('catalog_version', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=32), nullable=True),
    sa.Column('contact_name_enc', sa.LargeBinary(), nullable=True),
    sa.Column('contact_phone_enc', sa.LargeBinary(), nullable=True),
    sa.Column('address_enc', sa.LargeBinary(), nullable=True),
    sa.Column('phone_masked', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.Column('pii_purged_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('total_minor >= 0', name='ck_orders_total'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('order_no'),
    sa.UniqueConstraint('order_uuid'),
    sa.UniqueConstraint('receipt_no')
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_state', ['state'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('order_uuid', sa.String(length=36), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('payload_hash', sa.String(length=64), nullable=False),
    sa.Column('state', sa.Enum('PENDING', 'SENT', 'QUARANTINED', name='outbox_state', native_enum=False, length=24), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_seq')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_order_uuid'), ['order_uuid'], unique=False)
        batch_op.create_index('ix_outbox_state_seq', ['state', 'device_seq'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.String(length=64), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('state', sa.Enum('CREATED', 'PAID', 'FAILED', 'CLOSED', 'UNKNOWN', name='payment_state', native_enum=False, length=24), nullable=False),
    sa.Column('code_url', sa.String(length=512), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('payment_id')
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_order_id'), ['order_id'], unique=False)

    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=32), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=128), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('brand', sa.String(length=64), nullable=False),
    sa.Column('price_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=False),
    sa.Column('ship_profile', sa.Enum('in_stock', 'preorder', 'made_to_order', name='ship_profile', native_enum=False, length=24), nullable=False),
    sa.Column('ship_min_days', sa.Integer(), nullable=False),
    sa.Column('ship_max_days', sa.Integer(), nullable=False),
    sa.Column('popularity', sa.Integer(), nullable=False),
    sa.Column('rating_avg', sa.Double(), nullable=False),
    sa.Column('review_count', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('catalog_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('price_minor >= 0', name='ck_products_price'),
    sa.CheckConstraint('ship_min_days >= 0 AND ship_max_days >= ship_min_days', name='ck_products_ship_days'),
    sa.CheckConstraint('stock >= 0', name='ck_products_stock'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sku')
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index('ix_products_category_popularity', ['category_id', 'popularity'], unique=False)
        batch_op.create_index('ix_products_category_price', ['category_id', 'price_minor'], unique=False)
        batch_op.create_index('ix_products_category_rating', ['category_id', 'rating_avg'], unique=False)

    op.create_table('order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('sku', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=128), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('unit_price_minor', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('line_total_minor', sa.Integer(), nullable=False),
    sa.Column('catalog_version', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name='ck_order_lines_quantity'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('order_id', 'position')
    )
    op.create_table('product_barcodes',
    sa.Column('gtin', sa.String(length=14), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('gtin')
    )
    with op.batch_alter_table('product_barcodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_barcodes_product_id'), ['product_id'], unique=False)

    op.create_table('product_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_id', 'position')
    )
    op.create_table('product_specs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key_zh', sa.String(length=64), nullable=False),
    sa.Column('key_en', sa.String(length=64), nullable=False),
    sa.Column('value_zh', sa.String(length=255), nullable=False),
    sa.Column('value_en', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_id', 'position')
    )
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('author_masked', sa.String(length=32), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name='ck_reviews_rating'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index('ix_reviews_product_date', ['product_id', 'created_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_reviews_product_date')

    op.drop_table('reviews')
    op.drop_table('product_specs')
    op.drop_table('product_images')
    with op.batch_alter_table('product_barcodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_barcodes_product_id'))

    op.drop_table('product_barcodes')
    op.drop_table('order_lines')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index('ix_products_category_rating')
        batch_op.drop_index('ix_products_category_price')
        batch_op.drop_index('ix_products_category_popularity')

    op.drop_table('products')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_order_id'))

    op.drop_table('payments')
    op.drop_table('settings')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_seq')
        batch_op.drop_index(batch_op.f('ix_outbox_order_uuid'))

    op.drop_table('outbox')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_state')

    op.drop_table('orders')
    op.drop_table('categories')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
