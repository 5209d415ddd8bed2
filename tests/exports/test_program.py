"""The programme as data, from plain objects: no app, no database."""

from datetime import UTC, date, datetime
from types import SimpleNamespace as NS

from visits.exports.program import (
    GUEST,
    LONG_PROGRAMME_ROWS,
    WORKING,
    Options,
    Words,
    build_programme,
)
from visits.models.localized import LocalizedText as T

WORDS = Words(
    cancelled="cancelled",
    whole_delegation="the whole delegation",
    directions={"arrival": "arrival", "departure": "departure"},
    modes={"flight": "flight", "train": "train"},
)
DAY = date(2025, 4, 21)


def heading(day: date) -> str:
    return day.isoformat()


def person(pid: int, name: str, group: int | None = None, phone: str | None = None):
    return NS(id=pid, full_name=T(ru=name, kk=name + " (kk)"), organization_id=group, phone=phone)


def participant(pid, who, side, position=0, group=None):
    return NS(
        id=pid,
        person_id=who.id if who else None,
        organization_id=group,
        side=side,
        position=position,
        display_name=who.full_name if who else T(ru=f"Группа {group}"),
    )


def event(eid, hour, title, participants=(), visibility="delegation", status="confirmed", **kw):
    fields = dict(
        id=eid,
        title=T(ru=title, kk=title + " kk"),
        starts_at=datetime(2025, 4, 21, hour, 0, tzinfo=UTC),
        ends_at=datetime(2025, 4, 21, hour, 45, tzinfo=UTC),
        visibility=visibility,
        status=status,
        venue=NS(name=T(ru="Зал", kk="Әкімдік ғимараты"), address=T(ru="ул. Мира, 1")),
        participants=list(participants),
        dress_code=T(),
        notes=T(),
        internal_notes="служебное",
        responsible=person(90, "Ответственный", phone="+7 700"),
        vehicles="Автобус",
    )
    return NS(**(fields | kw))


def visit(delegation_members=()):
    return NS(
        title=T(ru="Визит"),
        timezone="Asia/Almaty",
        start_date=DAY,
        end_date=date(2025, 4, 22),
        occasion=T(),
        city=T(ru="Усть-Каменогорск"),
        host_organization=None,
        approved_by_name=T(ru="Иванов И. И."),
        approved_by_position=T(),
        delegation=NS(
            name=T(ru="Делегация"),
            origin_region=T(),
            home_timezone="Asia/Barnaul",
            members=list(delegation_members),
        ),
    )


HOST = person(1, "Аким")
GUEST_HEAD = person(2, "Глава", group=50)


def build(events, movements=(), **options):
    return build_programme(visit(), events, movements, Options(**options), WORDS, heading)


def test_days_rows_and_home_time():
    programme = build([event(1, 5, "Встреча", [participant(1, GUEST_HEAD, "guest")])])
    assert [day.date for day in programme.days] == [DAY, date(2025, 4, 22)]
    line = programme.days[0].lines[0]
    assert line.starts.strftime("%H:%M") == "10:00"
    assert line.home_starts.strftime("%H:%M") == "12:00"
    assert programme.home_zone == "Asia/Barnaul"
    assert programme.days[1].lines == ()


def test_participants_hosts_first():
    parts = [participant(1, GUEST_HEAD, "guest"), participant(2, HOST, "host")]
    line = build([event(1, 5, "Встреча", parts)]).days[0].lines[0]
    assert line.hosts == ("Аким",)
    assert line.guests == ("Глава",)


def test_guest_variant_hides_internal_things():
    events = [event(1, 5, "Открыто"), event(2, 6, "Служебное", visibility="internal")]
    guest = build(events, variant=GUEST).days[0].lines
    working = build(events, variant=WORKING).days[0].lines
    assert [line.title for line in guest] == ["Открыто"]
    assert guest[0].responsible == guest[0].responsible_phone == guest[0].vehicles == ""
    assert guest[0].internal_notes == ""
    assert [line.title for line in working] == ["Открыто", "Служебное"]
    assert working[0].responsible_phone == "+7 700"
    assert working[0].vehicles == "Автобус"
    assert working[1].is_internal


def test_approval_block_in_the_working_copy_only():
    assert build([]).approved_by == ""
    assert build([], variant="working").approved_by == "Иванов И. И."


def test_cancelled_and_language():
    cancelled = [event(1, 5, "Концерт", status="cancelled")]
    assert build(cancelled, lang="kk").days[0].lines == ()  # the guest copy leaves it out
    for options in (dict(keep_cancelled=True), dict(variant="working")):
        line = build(cancelled, lang="kk", **options).days[0].lines[0]
        assert line.is_cancelled
        assert line.title == "Концерт kk"
        assert line.venue == "Әкімдік ғимараты"


def test_person_programme_own_and_group_events_and_movements():
    member = NS(person_id=2, organization_id=None, display_name=GUEST_HEAD.full_name)
    events = [
        event(1, 5, "Его", [participant(1, GUEST_HEAD, "guest")]),
        event(2, 6, "Группы", [participant(2, None, "guest", group=50)]),
        event(3, 7, "Чужое", [participant(3, HOST, "host")]),
    ]
    arrival = NS(
        id=7,
        member=None,
        direction="arrival",
        mode="flight",
        number="S7 1",
        place=T(ru="Аэропорт"),
        venue=None,
        at=datetime(2025, 4, 21, 3, 0, tzinfo=UTC),
        notes="встречает Иванов",
    )
    plan = build_programme(
        visit([member]), events, [arrival], Options(person=GUEST_HEAD), WORDS, heading
    )
    titles = [line.title for line in plan.days[0].lines]
    assert titles == ["arrival: the whole delegation (flight)", "Его", "Группы"]
    assert plan.days[0].lines[0].is_moment
    assert plan.days[0].lines[0].notes == ""  # staff notes of a movement: working only
    assert plan.person == "Глава"


def test_one_day_and_page_breaks():
    many = [event(n, 3 + n % 12, f"Событие {n}") for n in range(LONG_PROGRAMME_ROWS + 1)]
    late = event(99, 5, "Завтра", starts_at=datetime(2025, 4, 22, 5, tzinfo=UTC))
    late.ends_at = datetime(2025, 4, 22, 6, tzinfo=UTC)
    programme = build([*many, late])
    assert [day.break_before for day in programme.days] == [False, True]
    assert not build([event(1, 5, "А"), late]).days[1].break_before
    only = build([*many, late], day=date(2025, 4, 22))
    assert [line.title for day in only.days for line in day.lines] == ["Завтра"]


def test_empty_programme():
    programme = build([])
    assert programme.is_empty
    assert programme.home_zone is None
