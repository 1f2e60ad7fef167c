"""privacy at the store: when personal data was erased, and store-wide state (key check, job leases)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:40:00

A migration cannot reach the PII key (it lives in a file outside the database, named by the running
store's settings, and `cloudstore migrate` has none), so the rows stored in the clear before this
revision are sealed by a one-time step at the next store start (`cloudstore.pii.seal_stored`): this
revision leaves the marker row "seal-plain" when there is anything to seal.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pii_erased_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pii_erased_at", sa.DateTime(), nullable=True))
    state = op.create_table(
        "store_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    conn = op.get_bind()
    stored = any(conn.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None
                 for table in ("orders", "quarantine", "order_requests"))
    rows = [{"name": "pii-purge", "value": "", "holder": ""}]
    if stored:
        rows.append({"name": "seal-plain", "value": "", "holder": ""})
    op.bulk_insert(state, rows)


def downgrade() -> None:
    op.drop_table("store_state")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_column("pii_erased_at")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("pii_erased_at")
