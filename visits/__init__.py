"""Visits: plan official delegation visits, publish their agendas, print their programmes."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from visits import api, audit, auth, cli, errors, guards, i18n, security
from visits.accounts import views as account_pages
from visits.agenda import views as agenda_pages
from visits.auth import views as sign_in_pages
from visits.config import Config
from visits.delegations import views as delegation_pages
from visits.events import bulk_views as bulk_pages
from visits.events import place_views
from visits.events import views as event_pages
from visits.extensions import csrf, db, init_db, migrate
from visits.feeds import fast_poll, invalidation
from visits.feeds import serve as feed_serving
from visits.feeds import views as feed_pages
from visits.feeds.logs import init_logging
from visits.imports import views as import_pages
from visits.logistics import views as logistics_pages
from visits.main import views as main_pages
from visits.notices import views as notice_pages
from visits.organizations import views as organization_pages
from visits.outbox import views as outbox_pages
from visits.participant_lists import views as saved_group_pages
from visits.people import views as people_pages
from visits.prints import views as print_job_pages
from visits.profile import views as profile_pages
from visits.programme import print_views, revision_views
from visits.venues import views as venue_pages
from visits.visits import edit_views, history_views, timeline_views, translation_views
from visits.visits import views as visit_pages
from visits.visits.conflict_cache import init_app as init_conflict_cache

# Every module of pages, in the order their blueprints are registered: importing it puts
# its routes on its area's blueprint (the areas' packages import no views themselves).
PAGES = (
    main_pages,
    sign_in_pages,
    visit_pages,
    edit_views,
    history_views,
    timeline_views,
    translation_views,
    event_pages,
    bulk_pages,
    place_views,
    logistics_pages,
    delegation_pages,
    people_pages,
    organization_pages,
    venue_pages,
    saved_group_pages,
    account_pages,
    outbox_pages,
    feed_serving,
    feed_pages,
    notice_pages,
    print_views,
    print_job_pages,
    revision_views,
    import_pages,
    agenda_pages,
    profile_pages,
)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: object | None = None) -> Flask:
    """Build the application; `config` is a config object, else Config from the environment."""
    app = Flask(__name__, instance_relative_config=True, template_folder=str(TEMPLATES))
    app.config.from_object(config if config is not None else Config(app.instance_path))
    init_logging(app)
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
    feed_serving.init_app(app)
    init_conflict_cache(app)  # bounded by the configuration; sees flushes
    errors.init_app(app)
    guards.init_app(app)
    security.init_app(app)
    cli.init_app(app)

    api.init_app(app)
    for blueprint in dict.fromkeys(pages.bp for pages in PAGES):
        app.register_blueprint(blueprint)
    # Outermost: an unchanged feed's poll answered from this worker's memory, before Flask.
    fast_poll.init_app(app)
    return app
