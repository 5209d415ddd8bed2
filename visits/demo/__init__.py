"""The demo visit: Altai Krai in Ust-Kamenogorsk on 21 April 2025, as the news told it.

Source: Malim.kz, 21.04.2025, «ВКО и Алтайский край наращивают сотрудничество в сферах
туризма, культуры, спорта и промышленности». Only what the report gives is there; the times
of day and the venue addresses are not in it and are marked as such.

The visit is a visit document, `altai-krai-2025.json` next to this module, loaded through
the visit-document importer like any other. Its events are found by UID: when they are in
the database the demo is loaded already and loading again changes nothing.
"""

import json
from importlib.resources import files

from sqlalchemy import select
from sqlalchemy.orm import Session

from visits.imports.importer import VisitDocumentImporter
from visits.models import Delivery, Event, FeedScope, FeedToken, MemberRole, Person, Visit
from visits.notices.plan import mark_told
from visits.uploads import Upload

DOCUMENT = "altai-krai-2025.json"
FEED_LANGUAGE = "ru"
DEMO_HEAD_EMAIL = "head.altai-krai@example.org"


def demo_document() -> Upload:
    """The demo's visit document as shipped with the package."""
    return Upload(DOCUMENT, files(__package__).joinpath(DOCUMENT).read_bytes())


def find_demo(session: Session) -> Visit | None:
    """The demo visit, if it was loaded: the visit of the document's events."""
    uids = [event["uid"] for event in json.loads(demo_document().data)["events"]]
    return session.scalar(
        select(Visit).join(Event, Event.visit_id == Visit.id).where(Event.uid.in_(uids)).limit(1)
    )


def load_demo(session: Session) -> Visit:
    """Load the demo visit through the importer unless it is there; the caller commits."""
    visit = find_demo(session)
    if visit is not None:
        return visit
    document = demo_document()
    importer = VisitDocumentImporter(limit=len(document.data))
    return importer.apply(session, importer.plan(session, document))


def _feed(session: Session, visit: Visit, label: str, key: dict, **extra) -> FeedToken:
    """The live feed of `visit` with this `label` and `key` fields, made only when missing:
    its secret is random, so a new one on every load would change the links."""
    found = session.scalar(
        select(FeedToken).where(
            FeedToken.visit_id == visit.id,
            FeedToken.revoked_at.is_(None),
            FeedToken.label == label,
            *(getattr(FeedToken, name) == value for name, value in key.items()),
        )
    )
    if found is not None:
        return found
    token = FeedToken(visit_id=visit.id, label=label, language=FEED_LANGUAGE, **key, **extra)
    session.add(token)
    session.flush()
    return token


def demo_feed_tokens(session: Session, visit: Visit) -> list[FeedToken]:
    """The demo's calendar links: the delegation's feed of the visit and its head's own
    programme (with the public events), in Russian, the same on every load."""
    delegation = visit.delegation
    assert delegation is not None  # the demo document gives the visit its delegation
    head = next(m.person for m in delegation.members if m.role is MemberRole.HEAD)
    assert head is not None  # a person, not a group
    home = delegation.home_timezone
    return [
        _feed(
            session,
            visit,
            delegation.name.get("ru"),
            {"scope": FeedScope.VISIT},
            home_timezone=home,
        ),
        _head_feed(session, visit, head, home),
    ]


def _head_feed(session: Session, visit: Visit, head: Person, home: str) -> FeedToken:
    """The head's own programme. He asked for calendar invitations by e-mail (at an
    address of the documentation domain: the demo never mails anyone), and has them for
    the programme as it is: the next notice tells only what changes from here."""
    if not head.email:
        head.email = DEMO_HEAD_EMAIL
    made = _feed(
        session,
        visit,
        head.full_name.get("ru"),
        {"person_id": head.id},
        scope=FeedScope.PERSON,
        include_public=True,
        home_timezone=home,
        delivery=Delivery.INVITATIONS,
    )
    if made.notified_at is None:
        mark_told(session, made)
    return made
