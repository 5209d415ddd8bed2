"""Visits: plan official delegation visits, publish their agendas, print their programmes."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from visits import (
    accounts,
    agenda,
    api,
    audit,
    auth,
    cli,
    delegations,
    errors,
    events,
    feeds,
    guards,
    i18n,
    imports,
    logistics,
    main,
    organizations,
    people,
    profile,
    programme,
    security,
    venues,
)
from visits import visits as visit_pages
from visits.config import Config
from visits.extensions import csrf, db, init_db, migrate
from visits.feeds import invalidation
from visits.feeds.logs import init_logging

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: object | None = None) -> Flask:
    """Build the application; `config` is a config object, else Config from the environment."""
    app = Flask(__name__, instance_relative_config=True, template_folder=str(TEMPLATES))
    app.config.from_object(config if config is not None else Config(app.instance_path))
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        # Flask's documented way to wrap the WSGI app; its types see a method here.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )

    init_db(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    # The session's own hooks: the audit log and feed versions follow every flush.
    audit.init_app(app)
    invalidation.init_app(app)
    errors.init_app(app)
    init_logging(app)
    guards.init_app(app)
    security.init_app(app)
    cli.init_app(app)

    api.init_app(app)
    for area in (
        main,
        auth,
        visit_pages,
        events,
        logistics,
        delegations,
        people,
        organizations,
        venues,
        accounts,
        feeds,
        programme,
        imports,
        agenda,
        profile,
    ):
        app.register_blueprint(area.bp)
    return app
