"""Head's party of a delegation member; saved groups of participants

A delegation member may travel with the head (their party). A saved group is a named,
ordered list of people and organizations that staff add to an event in one move.

Revision ID: 63c21ba26a2f
Revises: ba385fb02883
Created: 2026-12-04 21:22:37.732511
"""

import sqlalchemy as sa
from alembic import op

revision = '63c21ba26a2f'
down_revision = 'ba385fb02883'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('participant_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_ru', sa.String(length=300), nullable=False),
    sa.Column('name_kk', sa.String(length=300), nullable=True),
    sa.Column('name_en', sa.String(length=300), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version_id', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_lists'))
    )
    op.create_table('participant_list_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.Enum('host', 'guest', 'speaker', 'performer', 'moderator', 'interpreter', 'organizer', 'press', 'staff', name='participant_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('side', sa.Enum('host', 'guest', name='participant_side', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('(person_id IS NULL) <> (organization_id IS NULL)', name=op.f('ck_participant_list_entries_person_or_group')),
    sa.ForeignKeyConstraint(['list_id'], ['participant_lists.id'], name=op.f('fk_participant_list_entries_list_id_participant_lists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_participant_list_entries_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_participant_list_entries_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_list_entries')),
    sa.UniqueConstraint('list_id', 'organization_id', name=op.f('uq_participant_list_entries_list_id_organization_id')),
    sa.UniqueConstraint('list_id', 'person_id', name=op.f('uq_participant_list_entries_list_id_person_id'))
    )
    with op.batch_alter_table('participant_list_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_list_entries_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_list_entries_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_list_entries_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('delegation_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_with_head', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('delegation_members', schema=None) as batch_op:
        batch_op.drop_column('is_with_head')

    with op.batch_alter_table('participant_list_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_list_entries_person_id'))
        batch_op.drop_index(batch_op.f('ix_participant_list_entries_organization_id'))
        batch_op.drop_index(batch_op.f('ix_participant_list_entries_list_id'))

    op.drop_table('participant_list_entries')
    op.drop_table('participant_lists')
