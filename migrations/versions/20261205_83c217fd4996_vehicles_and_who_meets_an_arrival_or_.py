"""Vehicles and who meets an arrival or sees off a departure

For the organizers' working programme. Existing movements have neither. SQLite rebuilds
`movements` keeping AUTOINCREMENT.

Revision ID: 83c217fd4996
Revises: 110cc8792ccd
Created: 2026-12-05 01:06:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "83c217fd4996"
down_revision = "110cc8792ccd"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("movements", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.add_column(sa.Column("vehicles", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("met_by", sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table("movements", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.drop_column("met_by")
        batch_op.drop_column("vehicles")


def _autoincrement():
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}
