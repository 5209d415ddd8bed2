"""Alembic environment: migrations run on the application's database and metadata."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
log = logging.getLogger("alembic.env")

migrate_ext = current_app.extensions["migrate"]
metadata = migrate_ext.db.metadata


def render_item(type_, obj, autogen_context):
    """Write the project's own column types as their plain SQLAlchemy equivalents."""
    if type_ == "type" and obj.__class__.__module__.startswith("visits."):
        return "sa." + repr(obj.impl)
    return False


def skip_empty(context_, revision, directives):
    """`db migrate` with nothing to change writes no empty revision."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in the models.")


def options() -> dict:
    return {
        "target_metadata": metadata,
        "render_item": render_item,
        "process_revision_directives": skip_empty,
        "compare_type": True,
        **migrate_ext.configure_args,
    }


def run_offline() -> None:
    url = migrate_ext.db.engine.url.render_as_string(hide_password=False)
    context.configure(url=url, literal_binds=True, **options())
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    with migrate_ext.db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Batch migrations rebuild tables; with foreign keys on, dropping the old
            # table would cascade-delete the rows that refer to it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # end the implicit transaction; migrations open their own
        context.configure(connection=connection, **options())
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
