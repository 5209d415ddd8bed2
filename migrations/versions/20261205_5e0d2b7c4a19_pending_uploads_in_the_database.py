"""Pending uploads in the database

Files previewed for an import and waiting for confirmation, kept where every host behind
the load balancer finds them (they were in one host's instance folder).

Revision ID: 5e0d2b7c4a19
Revises: 83c217fd4996
Created: 2026-12-05 01:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5e0d2b7c4a19"
down_revision = "83c217fd4996"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pending_uploads",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_pending_uploads_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_pending_uploads")),
    )
    with op.batch_alter_table("pending_uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_uploads_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pending_uploads_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("pending_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_uploads_user_id"))
        batch_op.drop_index(batch_op.f("ix_pending_uploads_expires_at"))
    op.drop_table("pending_uploads")
