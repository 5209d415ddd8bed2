"""A person's own arrival, departure and hotel in their feed

A link setting (on by default), and when movements and stays were made and last changed:
their feed events' CREATED and LAST-MODIFIED.

Revision ID: c3d1a7e5f912
Revises: 56b5c640e422
Created: 2026-12-04 23:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = 'c3d1a7e5f912'
down_revision = '56b5c640e422'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('include_travel', sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    for table in ('movements', 'stays'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
            batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    for table in ('stays', 'movements'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_at')
            batch_op.drop_column('created_at')
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.drop_column('include_travel')
