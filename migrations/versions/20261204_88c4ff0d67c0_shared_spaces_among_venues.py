"""Shared spaces among venues

A venue is a hall booked for one event at a time unless marked a shared space (a square,
a hotel lobby), where events may overlap up to its capacity. Existing venues are halls.

Revision ID: 88c4ff0d67c0
Revises: ba385fb02883
Created: 2026-12-04 21:30:11.047809
"""

import sqlalchemy as sa
from alembic import op

revision = '88c4ff0d67c0'
down_revision = '15a45596628d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('venues', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('shared', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('venues', schema=None) as batch_op:
        batch_op.drop_column('shared')
