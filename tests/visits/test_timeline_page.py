import re
from datetime import date, time
from html import unescape

from tests.html_forms import form_fields
from tests.visits.test_warnings import DAY, with_person
from visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    EventParticipant,
    LocalizedText,
    MemberRole,
    Movement,
    Organization,
    OrganizationKind,
    ParticipantRole,
    Person,
    Side,
    TravelMode,
    Venue,
)
from visits.scheduling.timezones import to_utc


def test_the_timeline_draws_a_lane_per_person_and_marks_conflicts(
    staff_client, db, make_visit, make_event
):
    visit = make_visit()
    snesar = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    first = make_event(visit, DAY, time(10, 0), time(11, 30), title=LocalizedText(ru="Встреча"))
    second = make_event(visit, DAY, time(11, 0), time(12, 0), title=LocalizedText(ru="Церемония"))
    with_person(db, first, snesar)
    with_person(db, second, snesar)
    html = staff_client.get(f"/visits/{visit.id}/timeline?day=2025-04-21").get_data(as_text=True)
    assert "Виталий Снесарь" in html
    assert html.count('class="block kind-meeting conflicting"') == 2
    assert f"/events/{first.id}/edit" in html
    assert "10:00–11:30 Встреча" in html


def test_the_timeline_by_venue(staff_client, db, make_visit, make_event):
    visit = make_visit()
    make_event(visit, DAY, time(10, 0), time(11, 0), venue=Venue(name=LocalizedText(ru="Акимат")))
    html = staff_client.get(f"/visits/{visit.id}/timeline?by=venue").get_data(as_text=True)
    assert "Акимат" in html and "block kind-meeting" in html


def test_a_day_outside_the_visit_or_a_malformed_day_is_refused(staff_client, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 21))
    assert staff_client.get(f"/visits/{visit.id}/timeline?day=2025-04-25").status_code == 404
    assert staff_client.get(f"/visits/{visit.id}/timeline?day=21.04.2025").status_code == 400
    assert staff_client.get(f"/visits/{visit.id}/timeline?by=colour").status_code == 404


def transfer_scene(db, make_visit, make_event, extra_movements=0):
    """A delegation of a person, an ensemble and an interpreter; the whole delegation lands
    at the airport, the interpreter leaves by train, the head's car is not shown."""
    head = Person(full_name=LocalizedText(ru="Виталий Снесарь"))
    ensemble = Organization(
        name=LocalizedText(ru="Оркестр «Сибирь»"), kind=OrganizationKind.ENSEMBLE
    )
    interpreter = Person(full_name=LocalizedText(ru="Переводчик"))
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    members = [
        DelegationMember(person=head, role=MemberRole.HEAD, precedence=1),
        DelegationMember(organization=ensemble, role=MemberRole.PERFORMER, precedence=2),
        DelegationMember(person=interpreter, role=MemberRole.INTERPRETER, precedence=3),
    ]
    delegation.members.extend(members)
    visit = make_visit(delegation=delegation)
    concert = make_event(visit, DAY, time(15, 0), time(16, 0), title=LocalizedText(ru="Концерт"))
    concert.participants.append(
        EventParticipant(
            organization=ensemble, role=ParticipantRole.PERFORMER, side=Side.GUEST, position=1
        )
    )
    airport = Venue(name=LocalizedText(ru="Аэропорт Усть-Каменогорска"))

    def move(member, direction, mode, number, wall, shown, **more):
        movement = Movement(
            visit=visit, member=member, direction=direction, mode=mode, number=number,
            at=to_utc(DAY, wall, visit.timezone), show_as_transfer=shown, **more,
        )  # fmt: skip
        db.session.add(movement)
        return movement

    arrival = move(None, Direction.ARRIVAL, TravelMode.FLIGHT, "S7 5271", time(7, 10), True,
                   venue=airport)  # fmt: skip
    departure = move(members[2], Direction.DEPARTURE, TravelMode.TRAIN, "012Ф", time(18, 0), True,
                     place=LocalizedText(ru="Вокзал"))  # fmt: skip
    hidden = move(members[0], Direction.DEPARTURE, TravelMode.CAR, "KZ 777", time(17, 0), False)
    for n in range(extra_movements):
        move(members[n % 3], Direction.DEPARTURE, TravelMode.BUS, f"B{n}", time(20, n), True,
             venue=Venue(name=LocalizedText(ru=f"Стоянка {n}")))  # fmt: skip
    db.session.commit()
    return visit, arrival, departure, hidden


def svg_lanes(html: str) -> dict[str, list[str]]:
    """Each lane's name and the classes of the blocks drawn in it, in drawing order."""
    svg = html[html.index("<svg") : html.rindex("</svg>")]
    lanes = {}
    for part in svg.split('<rect class="lane')[1:]:
        name = re.search(r"<title>(.*?)</title>", part).group(1)
        lanes[unescape(name)] = re.findall(r'<rect class="block ([^"]*)"', part)
    return lanes


def test_arrivals_and_departures_shown_as_transfers_are_blocks_in_the_lanes_they_concern(
    staff_client, db, make_visit, make_event
):
    visit, arrival, departure, hidden = transfer_scene(db, make_visit, make_event)
    html = staff_client.get(f"/visits/{visit.id}/timeline?day=2025-04-21").get_data(as_text=True)
    assert svg_lanes(html) == {
        "Виталий Снесарь": ["transfer arrival"],
        "Оркестр «Сибирь»": ["transfer arrival", "kind-meeting"],  # one lane for the group
        "Переводчик": ["transfer arrival", "transfer departure"],
    }
    assert html.count("S7 5271") == 3 * 2  # a title and a text in each member's lane
    assert "07:10–07:55" in html and "17:00–18:00" in html and "Вокзал" in html
    assert f"/visits/{visit.id}/movements/{arrival.id}/edit" in html
    assert f"/visits/{visit.id}/movements/{departure.id}/edit" in html
    assert "KZ 777" not in html and f"/movements/{hidden.id}/edit" not in html
    assert 'class="key transfer"' in html


def test_by_venue_a_transfer_is_in_its_venues_lane_and_nowhere_without_one(
    staff_client, db, make_visit, make_event
):
    visit, arrival, *_ = transfer_scene(db, make_visit, make_event)
    html = staff_client.get(f"/visits/{visit.id}/timeline?by=venue").get_data(as_text=True)
    assert svg_lanes(html) == {
        "Аэропорт Усть-Каменогорска": ["transfer arrival"],
        "—": ["kind-meeting"],
    }
    assert "Вокзал" not in html and "KZ 777" not in html
    assert f"/movements/{arrival.id}/edit" in html


def test_the_timeline_reads_a_fixed_number_of_queries_whatever_the_movements(
    staff_client, db, make_visit, make_event, count_queries
):
    few, *_ = transfer_scene(db, make_visit, make_event, extra_movements=3)
    many, *_ = transfer_scene(db, make_visit, make_event, extra_movements=9)

    def counts(visit) -> list[int]:
        found = []
        for mode in ("person", "venue"):
            db.session.expire_all()
            with count_queries() as queries:
                response = staff_client.get(f"/visits/{visit.id}/timeline?by={mode}")
            assert response.status_code == 200
            found.append(len(queries))
        return found

    drawn = counts(many)
    assert counts(few) == drawn
    html = staff_client.get(f"/visits/{many.id}/timeline?by=venue").get_data(as_text=True)
    assert html.count('class="block transfer departure"') == 9  # each bus in its venue's lane
    for movement in many.movements:
        movement.show_as_transfer = False
    db.session.commit()
    assert counts(many) == drawn  # drawing the transfers asks nothing more


def test_person_lanes_follow_precedence_with_the_side_the_visit_names_first_on_top(
    staff_client, db, make_visit, make_event
):
    head = Person(full_name=LocalizedText(ru="Яковлев, глава делегации"))
    member = Person(full_name=LocalizedText(ru="Артистка"))
    akim = Person(full_name=LocalizedText(ru="Аким области"))
    delegation = Delegation(name=LocalizedText(ru="Делегация"), home_timezone="Asia/Barnaul")
    delegation.members.extend(
        [
            DelegationMember(person=head, role=MemberRole.HEAD, precedence=1),
            DelegationMember(person=member, role=MemberRole.MEMBER, precedence=2),
        ]
    )
    visit = make_visit(delegation=delegation)
    meeting = make_event(visit, DAY, time(10, 0), time(11, 0))
    for position, (who, side) in enumerate(
        [(akim, Side.HOST), (member, Side.GUEST), (head, Side.GUEST)]
    ):
        meeting.participants.append(
            EventParticipant(person=who, role=ParticipantRole.GUEST, side=side, position=position)
        )
    db.session.commit()

    def lanes() -> list[str]:
        return list(
            svg_lanes(staff_client.get(f"/visits/{visit.id}/timeline").get_data(as_text=True))
        )

    assert lanes() == ["Яковлев, глава делегации", "Артистка", "Аким области"]
    visit.hosts_first = True
    db.session.commit()
    assert lanes() == ["Аким области", "Яковлев, глава делегации", "Артистка"]


def test_the_visit_form_sets_which_side_comes_first(staff_client, db, make_visit):
    visit = make_visit()
    fields = form_fields(staff_client.get(f"/visits/{visit.id}/edit").get_data(as_text=True))
    assert "hosts_first" not in fields  # an unticked box
    response = staff_client.post(f"/visits/{visit.id}/edit", data=fields | {"hosts_first": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(visit), visit.id).hosts_first is True
