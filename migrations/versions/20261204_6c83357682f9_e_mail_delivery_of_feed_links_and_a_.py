"""E-mail delivery of feed links, and the language a person reads messages in

Each link says how its holder learns of changes (the subscription alone, a change notice,
or calendar invitations by e-mail) and keeps what the last message told them. Existing
links stay on the subscription alone. SQLite rebuilds `people` keeping AUTOINCREMENT.

Revision ID: 6c83357682f9
Revises: 17164f65b851
Created: 2026-12-04 23:42:54.363407
"""

import sqlalchemy as sa
from alembic import op

revision = "6c83357682f9"
down_revision = "17164f65b851"
branch_labels = None
depends_on = None

DELIVERY = sa.Enum(
    "subscription",
    "notice",
    "invitations",
    name="feed_delivery",
    native_enum=False,
    create_constraint=True,
)


def upgrade():
    with op.batch_alter_table("feed_tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("delivery", DELIVERY, server_default="subscription", nullable=False)
        )
        batch_op.add_column(sa.Column("notified_events", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("people", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.add_column(sa.Column("preferred_language", sa.String(length=2), nullable=True))


def downgrade():
    with op.batch_alter_table("people", schema=None, table_kwargs=_autoincrement()) as batch_op:
        batch_op.drop_column("preferred_language")

    with op.batch_alter_table("feed_tokens", schema=None) as batch_op:
        batch_op.drop_column("notified_at")
        batch_op.drop_column("notified_events")
        batch_op.drop_constraint(op.f("ck_feed_tokens_feed_delivery"), type_="check")
        batch_op.drop_column("delivery")


def _autoincrement():
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}
