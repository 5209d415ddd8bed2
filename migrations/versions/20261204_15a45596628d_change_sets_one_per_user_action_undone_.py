"""Change sets: one per user action, undone as one; titles in the audit log; ids never reused

Every audit entry belongs to a change set (the entries logged before get one each), keeps
the title of its record and, for a participant, its event. On SQLite the audited tables
become AUTOINCREMENT, so that an id once given is never given again (PostgreSQL sequences
never go back): a deleted record's history never points at a newer record.

Revision ID: 15a45596628d
Revises: ba385fb02883
Created: 2026-12-04 21:26:30.948990
"""

import sqlalchemy as sa
from alembic import op

revision = "15a45596628d"
down_revision = '63c21ba26a2f'
branch_labels = None
depends_on = None

# The audited tables, parents first.
AUDITED = (
    "users",
    "api_tokens",
    "organizations",
    "people",
    "venues",
    "travel_times",
    "delegations",
    "delegation_members",
    "visits",
    "events",
    "event_participants",
    "movements",
    "stays",
    "participant_lists",
)


def upgrade():
    op.create_table(
        "change_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=300), nullable=True),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["undoes_id"],
            ["change_sets.id"],
            name=op.f("fk_change_sets_undoes_id_change_sets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["undone_by_id"],
            ["change_sets.id"],
            name=op.f("fk_change_sets_undone_by_id_change_sets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_change_sets_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_change_sets_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sets")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change_sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_sets_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_sets_visit_id"), ["visit_id"], unique=False)

    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_set_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("entity_title", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
    _one_change_set_per_logged_entry()
    with op.batch_alter_table(
        "audit_entries", schema=None, recreate="always", table_kwargs=_autoincrement()
    ) as batch_op:
        batch_op.alter_column("change_set_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entries_change_set_id"), ["change_set_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_entries_change_set_id_change_sets"),
            "change_sets",
            ["change_set_id"],
            ["id"],
            ondelete="CASCADE",
        )
    _never_reuse_ids(autoincrement=True)


def _autoincrement(on=True):
    return {"sqlite_autoincrement": True} if on and op.get_bind().dialect.name == "sqlite" else {}


def _one_change_set_per_logged_entry():
    """Entries logged before change sets existed: each becomes a change set of its own (which
    of them one action wrote together was not recorded)."""
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "INSERT INTO change_sets (id, at, user_id, visit_id) "
            "SELECT id, at, user_id, visit_id FROM audit_entries"
        )
    )
    conn.execute(sa.text("UPDATE audit_entries SET change_set_id = id"))
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('change_sets', 'id'), "
                "COALESCE((SELECT MAX(id) FROM change_sets), 0) + 1, false)"
            )
        )


def _never_reuse_ids(autoincrement):
    """SQLite: rebuild the audited tables with (or without) AUTOINCREMENT; the next id is
    past every id the table or its history ever held."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for table in AUDITED:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs=_autoincrement(autoincrement)
        ):
            pass
        if autoincrement:
            highest = conn.execute(
                sa.text(
                    f"SELECT MAX(n) FROM (SELECT MAX(id) AS n FROM {table} UNION ALL "
                    "SELECT MAX(entity_id) FROM audit_entries WHERE entity_type = :table)"
                ),
                {"table": table},
            ).scalar()
            conn.execute(
                sa.text("DELETE FROM sqlite_sequence WHERE name = :table"), {"table": table}
            )
            conn.execute(
                sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :seq)"),
                {"table": table, "seq": highest or 0},
            )


def downgrade():
    _never_reuse_ids(autoincrement=False)
    with op.batch_alter_table("audit_entries", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_audit_entries_change_set_id_change_sets"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_audit_entries_change_set_id"))
        batch_op.drop_column("event_id")
        batch_op.drop_column("entity_title")
        batch_op.drop_column("change_set_id")

    with op.batch_alter_table("change_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_sets_visit_id"))
        batch_op.drop_index(batch_op.f("ix_change_sets_at"))

    op.drop_table("change_sets")
