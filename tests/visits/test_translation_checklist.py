"""The translation checklist of a visit: the pure gap finder and the page."""

from datetime import date, time

from visits.models import (
    EventParticipant,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
)
from visits.scheduling.translations import by_kind, missing

DAY = date(2025, 4, 21)
FULL = {"ru": "Текст", "kk": "Мәтін", "en": "Text"}


def full(**overrides) -> LocalizedText:
    return LocalizedText(**(FULL | overrides))


# The pure function


def test_a_text_without_the_language_is_a_gap():
    items = [("event", "Встреча", "/events/1/edit", "title", LocalizedText(ru="Встреча"))]
    [gap] = missing(items, "kk")
    assert (gap.kind, gap.label, gap.url, gap.field, gap.present) == (
        "event",
        "Встреча",
        "/events/1/edit",
        "title",
        ("ru",),
    )


def test_present_and_empty_texts_are_not_gaps():
    items = [
        ("visit", "В", "/v", "title", full()),
        ("visit", "В", "/v", "purpose", LocalizedText()),
        ("visit", "В", "/v", "topics", None),
    ]
    assert missing(items, "kk") == []
    assert missing(items, "en") == []


def test_each_text_is_listed_once_and_grouped_by_kind():
    person = ("person", "Иванов", "/people/1/edit", "full_name", LocalizedText(ru="Иванов"))
    event = ("event", "Встреча", "/events/1/edit", "title", LocalizedText(ru="Встреча"))
    gaps = missing([person, event, person], "en")
    assert [g.kind for g in gaps] == ["person", "event"]
    assert [kind for kind, _ in by_kind(gaps)] == ["event", "person"]


# The page


def complete_visit(make_visit, make_event, db):
    visit = make_visit(title=full(), city=full(), occasion=full(), topics=full(), purpose=full())
    visit.delegation.name = full()
    venue = Venue(name=full(), address=full(), city=full())
    person = Person(full_name=full(), position=full())
    db.session.add_all([venue, person])
    db.session.commit()
    event = make_event(
        visit, DAY, time(10), time(11), title=full(), description=full(), venue_id=venue.id
    )
    event.participants.append(
        EventParticipant(person=person, role=ParticipantRole.HOST, side=Side.HOST)
    )
    db.session.commit()
    return visit, event, venue, person


def test_lists_an_event_without_a_kazakh_title(staff_client, make_visit, make_event, db):
    visit, event, _venue, _person = complete_visit(make_visit, make_event, db)
    event.title = full(kk=None)
    db.session.commit()
    page = staff_client.get(f"/visits/{visit.id}/translations")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'href="/events/{event.id}/edit"' in html
    assert "(1)" in html
    assert "All texts have a Kazakh variant" not in html
    # The English checklist of the same visit has nothing to show.
    html = staff_client.get(f"/visits/{visit.id}/translations?lang=en").get_data(as_text=True)
    assert "All texts have an English variant" in html
    assert "(0)" in html


def test_none_when_every_text_has_its_variants(staff_client, make_visit, make_event, db):
    visit, *_ = complete_visit(make_visit, make_event, db)
    html = staff_client.get(f"/visits/{visit.id}/translations?lang=kk").get_data(as_text=True)
    assert '<html lang="kk">' in html
    assert "<table" not in html
    assert "(0)" in html


def test_links_to_the_edit_page_of_each_kind(staff_client, make_visit, make_event, db):
    visit, event, venue, person = complete_visit(make_visit, make_event, db)
    visit.topics = LocalizedText(ru="Темы")
    visit.delegation.origin_region = LocalizedText(ru="Алтайский край")
    venue.address = LocalizedText(ru="ул. Мира, 1")
    person.position = LocalizedText(ru="аким", kk="әкім")
    db.session.commit()
    html = staff_client.get(f"/visits/{visit.id}/translations?lang=en").get_data(as_text=True)
    for url in (
        f"/visits/{visit.id}/edit",
        f"/venues/{venue.id}/edit",
        f"/people/{person.id}/edit",
        f"/delegations/{visit.delegation.id}/edit",
    ):
        assert f'href="{url}"' in html
    assert f'href="/events/{event.id}/edit"' not in html
    assert "RU, KK" in html


def test_viewer_sees_the_gaps_without_edit_links(viewer_client, make_visit, make_event, db):
    visit, event, *_ = complete_visit(make_visit, make_event, db)
    event.dress_code = LocalizedText(ru="Деловой")
    db.session.commit()
    page = viewer_client.get(f"/visits/{visit.id}/translations")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "(1)" in html
    assert "/edit" not in html


def test_unknown_visit_is_not_found(staff_client):
    assert staff_client.get("/visits/999/translations").status_code == 404


def add_events(visit, make_event, db, count: int) -> None:
    for n in range(count):
        venue = Venue(name=LocalizedText(ru=f"Зал {n}"))
        person = Person(full_name=LocalizedText(ru=f"Участник {n}"))
        db.session.add_all([venue, person])
        db.session.commit()
        event = make_event(visit, DAY, time(9 + n), time(10 + n), venue_id=venue.id)
        event.participants.append(
            EventParticipant(person=person, role=ParticipantRole.GUEST, side=Side.GUEST)
        )
        db.session.commit()


def test_query_count_does_not_grow_with_events(
    staff_client, make_visit, make_event, db, count_queries
):
    small, large = make_visit(), make_visit()
    add_events(small, make_event, db, 1)
    add_events(large, make_event, db, 5)
    counts = []
    for visit in (small, large):
        db.session.expire_all()
        with count_queries() as queries:
            assert staff_client.get(f"/visits/{visit.id}/translations").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_language_tabs_change_the_content_language_only(staff_client, make_visit, make_event, db):
    visit, *_ = complete_visit(make_visit, make_event, db)
    staff_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    html = staff_client.get(f"/visits/{visit.id}/translations?content=en").get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Проверка переводов" in html
    assert f'href="/visits/{visit.id}/translations?content=kk"' in html


def test_the_counted_gaps_are_the_listed_ones(app, db, make_visit, make_event):
    """The print links count the gaps in one query; the checklist lists them one by one."""
    from visits.models import DelegationMember, MemberRole, Organization, Visit
    from visits.visits.translation_counts import gap_counts
    from visits.visits.translation_views import _texts, checklist_query

    ensemble = Organization(name=LocalizedText(ru="Ансамбль", en="Ensemble"))
    visit = make_visit(occasion=LocalizedText(ru="Повод"), host_organization=ensemble)
    hall = Venue(name=full(), address=LocalizedText(ru="Адрес", kk="Мекенжай"))
    guest = Person(full_name=LocalizedText(ru="Гость"), position=full(), organization=ensemble)
    head = Person(full_name=full(en=""), position=LocalizedText(en="Head"))
    db.session.add_all([hall, guest, head])
    visit.delegation.members.append(
        DelegationMember(person=head, role=MemberRole.HEAD, precedence=1)
    )
    for hour in (10, 12):  # the same hall and guest twice: each text counts once
        event = make_event(
            visit, DAY, time(hour), time(hour + 1), venue=hall, notes=LocalizedText(kk="Ескерту")
        )
        event.participants.append(
            EventParticipant(person=guest, role=ParticipantRole.GUEST, side=Side.GUEST)
        )
    db.session.commit()
    with app.test_request_context():
        loaded = db.session.scalar(checklist_query(visit.id))
        assert isinstance(loaded, Visit)
        listed = {lang: len(missing(_texts(loaded, lang), lang)) for lang in ("kk", "en")}
    assert gap_counts(db.session(), visit.id, ("kk", "en")) == listed
    assert listed["kk"] > 3 and listed["en"] > 3
