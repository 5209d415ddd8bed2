"""What create_app installs, and only it: the session's audit and feed-version hooks, the
access policy the API extends. Importing a module installs nothing."""

from datetime import date
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from visits import audit
from visits.auth import access
from visits.feeds import invalidation
from visits.models import AuditEntry, Delegation, LocalizedText, Visit


def test_no_hook_sits_on_the_global_session_class(app):
    assert not event.contains(Session, "after_flush", audit._record)
    assert not event.contains(Session, "after_flush", invalidation.bump)


def test_the_app_session_logs_and_bumps_feed_versions_outside_any_request(app, db):
    visit = Visit(
        title=LocalizedText(ru="Визит"),
        timezone="Asia/Almaty",
        start_date=date(2025, 4, 21),
        end_date=date(2025, 4, 21),
        delegation=Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul"),
    )
    db.session.add(visit)
    db.session.commit()
    before = visit.feed_version
    visit.title = LocalizedText(ru="Визит делегации")
    db.session.commit()
    assert visit.feed_version == before + 1
    logged = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "visits", AuditEntry.entity_id == visit.id)
        .order_by(AuditEntry.id)
    ).all()
    assert [entry.action.value for entry in logged] == ["create", "update"]


def test_the_api_extends_the_access_policy(app):
    policy = app.extensions["visits.access"]
    assert "api-docs.openapi_json" in policy.public
    assert "api-docs.openapi_json" not in access.PUBLIC_ENDPOINTS
    assert len(policy.callers) == 1


def test_the_access_module_does_not_import_the_api():
    source = Path(access.__file__).read_text(encoding="utf-8")
    assert "visits.api" not in source
