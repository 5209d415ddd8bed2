import re
from datetime import UTC, date, datetime, time

from visits.demo import load_demo
from visits.models import (
    EventParticipant,
    EventStatus,
    LocalizedText,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visit,
)
from visits.visits.conflict_cache import conflict_cache


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_demo_visit_page_shows_three_events_in_order_with_both_times(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    response = staff_client.get(f"/visits/{visit.id}")
    assert response.status_code == 200
    page = text_of(response)
    assert "понедельник, 21 апреля 2025 г." in page
    meeting = page.index("Встреча с акимом")
    ceremony = page.index("Церемония возложения цветов")
    concert = page.index("Концертная программа «Во все века»")
    assert meeting < ceremony < concert
    # Almaty is UTC+5, Barnaul UTC+7: the delegation's clocks read two hours later.
    assert "10:00–11:30 · Барнаул 12:00–13:30" in page
    assert "19:00–21:00 · Барнаул 21:00–23:00" in page
    assert page.index("10:00–11:30") < page.index("12:00–12:45") < page.index("19:00–21:00")


def test_the_visit_page_lists_members_in_order_of_precedence(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    page = text_of(staff_client.get(f"/visits/{visit.id}"))
    head = page.index("Виталий Снесарь")
    orchestra = page.index("оркестр русских народных инструментов «Сибирь»")
    ensemble = page.index("ансамбль песни и танца «Алтай»")
    assert head < orchestra < ensemble
    assert "руководитель делегации" in page


def test_the_visit_page_reads_in_english(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    page = text_of(staff_client.get(f"/visits/{visit.id}?lang=en"))
    assert "Monday, April 21, 2025" in page
    assert "19:00–21:00 · Barnaul 21:00–23:00" in page
    assert "Programme by day" in page


def test_the_visit_page_loads_in_a_fixed_number_of_queries(
    staff_client, db, make_visit, make_event, count_queries
):
    visit_id = make_visit().id

    def add_event(hour: int) -> None:
        event = make_event(
            db.session.get(Visit, visit_id),
            date(2025, 4, 21),
            time(hour, 0),
            time(hour, 30),
            venue=Venue(name=LocalizedText(ru=f"Зал {hour}")),
        )
        for n, who in enumerate(
            (
                Person(full_name=LocalizedText(ru=f"Участник {hour}")),
                Organization(name=LocalizedText(ru=f"Ансамбль {hour}")),
            )
        ):
            kind = "person" if isinstance(who, Person) else "organization"
            event.participants.append(
                EventParticipant(
                    **{kind: who}, role=ParticipantRole.GUEST, side=Side.GUEST, position=n
                )
            )
        db.session.commit()

    add_event(7)
    add_event(8)  # two venues: the travel times between them are read once
    page = f"/visits/{visit_id}"
    staff_client.get(page)  # warm up: the signed-in user's session

    def counted() -> tuple[list[str], list[str]]:
        """The queries of a view computing the conflicts, then of one finding them cached."""
        conflict_cache.clear()
        db.session.expunge_all()  # requests share the test's session: start each one empty
        with count_queries() as computing:
            staff_client.get(page)
        db.session.expunge_all()
        with count_queries() as cached:
            staff_client.get(page)
        return computing, cached

    few, few_cached = counted()
    for hour in range(9, 18):
        add_event(hour)
    many, many_cached = counted()
    assert len(many) == len(few), "\n\n".join(many)
    assert len(many_cached) == len(few_cached) < len(few)


def test_a_cancelled_event_stays_visible_and_says_so(staff_client, db, make_visit, make_event):
    visit = make_visit()
    make_event(
        visit,
        date(2025, 4, 21),
        time(10, 0),
        time(11, 0),
        title=LocalizedText(ru="Экскурсия"),
        status=EventStatus.CANCELLED,
    )
    page = text_of(staff_client.get(f"/visits/{visit.id}"))
    assert "Экскурсия" in page and "отменено" in page


def test_every_day_of_the_visit_appears_even_when_empty(staff_client, make_visit):
    visit = make_visit(start_date=date(2025, 4, 21), end_date=date(2025, 4, 22))
    page = text_of(staff_client.get(f"/visits/{visit.id}"))
    assert "21 апреля 2025 г." in page and "22 апреля 2025 г." in page
    assert "На этот день ничего не запланировано." in page


def test_the_list_puts_upcoming_visits_first_soonest_first(staff_client, make_visit):
    today = datetime.now(UTC).date()
    past = make_visit(
        title=LocalizedText(ru="Прошедший"), start_date=date(2020, 1, 1), end_date=date(2020, 1, 2)
    )
    later = make_visit(
        title=LocalizedText(ru="Позже"),
        start_date=date(today.year + 2, 5, 1),
        end_date=date(today.year + 2, 5, 2),
    )
    sooner = make_visit(
        title=LocalizedText(ru="Раньше"),
        start_date=date(today.year + 1, 5, 1),
        end_date=date(today.year + 1, 5, 2),
    )
    page = text_of(staff_client.get("/visits/"))
    assert page.index("Раньше") < page.index("Позже") < page.index("Прошедший")
    assert {past.id, later.id, sooner.id}


def test_an_unknown_visit_is_a_404(staff_client):
    assert staff_client.get("/visits/424242").status_code == 404


def test_the_visit_page_reads_in_kazakh(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    page = text_of(staff_client.get(f"/visits/{visit.id}?lang=kk"))
    assert "2025 ж. 21 сәуір, дүйсенбі" in page
    assert "Бағдарлама" in page  # the UI words are Kazakh too
    assert "Барнауыл" in page  # the delegation's home city, named in Kazakh
