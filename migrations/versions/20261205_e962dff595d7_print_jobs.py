"""Print jobs

Programme PDFs and .docx files rendered by the print worker off the request path, kept
under their ETag until pruned.

Revision ID: e962dff595d7
Revises: c50c165a53d6
Created: 2026-12-05 02:13:26.111047
"""

import sqlalchemy as sa
from alembic import op

revision = "e962dff595d7"
down_revision = "c50c165a53d6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("pdf", "docx", name="print_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "rendering",
                "done",
                "failed",
                name="print_state",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("file", sa.LargeBinary(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_print_jobs_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
        sa.UniqueConstraint("key", name=op.f("uq_print_jobs_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_print_jobs_finished_at"), ["finished_at"], unique=False
        )
        batch_op.create_index(
            "ix_print_jobs_state_created_at", ["state", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_print_jobs_visit_id"), ["visit_id"], unique=False)


def downgrade():
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_jobs_visit_id"))
        batch_op.drop_index("ix_print_jobs_state_created_at")
        batch_op.drop_index(batch_op.f("ix_print_jobs_finished_at"))

    op.drop_table("print_jobs")
