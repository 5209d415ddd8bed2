"""All-day events

An event that fills whole local days is marked so: it is shown as "all day" and
published as dates. Existing events stay timed. SQLite rebuilds the table: it keeps
AUTOINCREMENT, so ids of deleted events are never given again.

Revision ID: 3d7a1c9e5b42
Revises: 56b5c640e422
Created: 2026-12-04 23:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "3d7a1c9e5b42"
down_revision = "c3d1a7e5f912"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.add_column(
            sa.Column("is_all_day", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("events", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.drop_column("is_all_day")


def _autoincrement():
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}
