"""When a feed link's language or reminder last changed

Every event of the link is written anew then: its LAST-MODIFIED is never older.

Revision ID: 56b5c640e422
Revises: 9ecaa7eab725
Created: 2026-12-04 22:47:43.435124
"""

import sqlalchemy as sa
from alembic import op

revision = '56b5c640e422'
down_revision = '9ecaa7eab725'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settings_changed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.drop_column('settings_changed_at')
