"""Approval block of the working programme

Who agrees a visit's working programme (name and position, in each language): the
«Согласовано» block the print carries. Empty on existing visits.

Revision ID: 110cc8792ccd
Revises: 6c83357682f9
Created: 2026-12-05 00:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "110cc8792ccd"
down_revision = "6c83357682f9"
branch_labels = None
depends_on = None

COLUMNS = [("approved_by_name", 200), ("approved_by_position", 500)]
LANGUAGES = ("ru", "kk", "en")


def upgrade():
    with op.batch_alter_table("visits", schema=None) as batch_op:
        for name, length in COLUMNS:
            for lang in LANGUAGES:
                batch_op.add_column(
                    sa.Column(f"{name}_{lang}", sa.String(length=length), nullable=True)
                )


def downgrade():
    with op.batch_alter_table("visits", schema=None) as batch_op:
        for name, _length in reversed(COLUMNS):
            for lang in reversed(LANGUAGES):
                batch_op.drop_column(f"{name}_{lang}")
