"""Which side of a visit comes first in the lanes

The day timeline draws the delegation first unless the visit says the hosts come first;
existing visits keep the guests first.

Revision ID: 9ecaa7eab725
Revises: ba385fb02883
Created: 2026-12-04 21:23:51.801282
"""

import sqlalchemy as sa
from alembic import op

revision = '9ecaa7eab725'
down_revision = '88c4ff0d67c0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('hosts_first', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_column('hosts_first')
