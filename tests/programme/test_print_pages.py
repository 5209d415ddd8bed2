"""The printable programme page: contents, variants, a person's own programme, bad
input, ETag/304, query counts, and the print links partial (on both databases)."""

from datetime import time

import pytest
from flask import render_template

from tests.programme.conftest import DAY
from visits.models import (
    DelegationMember,
    EventParticipant,
    FeedScope,
    FeedToken,
    LocalizedText,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
)
from visits.visits.conflict_cache import conflict_cache


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_demo_page_in_russian(staff_client, demo):
    html = page(staff_client, f"/visits/{demo.id}/program?lang=ru")
    assert "Понедельник, 21 апреля 2025 г." in html.replace("\xa0", " ").replace("\u202f", " ")
    assert "Встреча с акимом Восточно-Казахстанской области" in html
    assert "10:00–11:30" in html
    assert "12:00–13:30" in html  # Barnaul time beside the local one
    assert "print.css" in html
    assert "<style" not in html  # one stylesheet file, nothing inline (CSP)
    assert "revision-mark" in html


def test_guest_lacks_internal_event_working_has_it(staff_client, demo):
    guest = page(staff_client, f"/visits/{demo.id}/program")
    working = page(staff_client, f"/visits/{demo.id}/program?variant=working")
    for secret in ("Служебный инструктаж", "+7 701 000 00 00", "Toyota", "служебного входа"):
        assert secret not in guest
        assert secret in working


def test_guest_copy_leaves_cancelled_out_unless_asked_working_strikes_them(
    staff_client, make_visit, make_event
):
    from visits.models import EventStatus

    visit = make_visit()
    make_event(visit, DAY, time(10), time(11), status=EventStatus.CANCELLED)
    make_event(visit, DAY, time(12), time(13), title=LocalizedText(ru="Обед"))
    guest = page(staff_client, f"/visits/{visit.id}/program?lang=ru")
    assert "Обед" in guest and "line cancelled" not in guest and "отменено" not in guest
    for url in ("?lang=ru&cancelled=1", "?lang=ru&variant=working"):
        html = page(staff_client, f"/visits/{visit.id}/program{url}")
        assert 'class="line cancelled"' in html
        assert "отменено" in html
    assert staff_client.get(f"/visits/{visit.id}/program?cancelled=yes").status_code == 400


def test_tentative_marked_and_working_copy_lists_open_warnings(
    staff_client, make_visit, make_event
):
    from visits.models import EventStatus

    visit = make_visit()
    hall = Venue(name=LocalizedText(ru="Малый зал"))
    make_event(visit, DAY, time(10), time(11), venue=hall, status=EventStatus.TENTATIVE)
    make_event(visit, DAY, time(10, 30), time(12), venue=hall, title=LocalizedText(ru="Обед"))
    guest = page(staff_client, f"/visits/{visit.id}/program?lang=ru")
    assert 'class="tag tentative">предварительно<' in guest
    assert "Нерешённые предупреждения" not in guest
    working = page(staff_client, f"/visits/{visit.id}/program?lang=ru&variant=working")
    assert "Нерешённые предупреждения" in working
    assert "Малый зал" in working.split("Нерешённые предупреждения")[1].split("</section>")[0]


def test_movements_are_rows(staff_client, db, demo):
    from datetime import UTC, datetime

    from visits.models import Direction, Movement, TravelMode

    db.session.add(
        Movement(
            visit_id=demo.id,
            direction=Direction.ARRIVAL,
            mode=TravelMode.FLIGHT,
            number="S7 5521",
            place=LocalizedText(ru="Аэропорт Усть-Каменогорска"),
            at=datetime(2025, 4, 21, 3, 10, tzinfo=UTC),
        )
    )
    db.session.commit()
    html = page(staff_client, f"/visits/{demo.id}/program?lang=ru")
    assert "08:10" in html  # 03:10 UTC in Almaty
    assert "Аэропорт Усть-Каменогорска" in html
    assert "S7 5521" not in html  # the guest copy: times and places
    assert "S7 5521" in page(staff_client, f"/visits/{demo.id}/program?variant=working")


def test_person_programme_with_feed_code(staff_client, db, demo):
    snesar = db.session.scalars(db.select(Person).where(Person.full_name_ru == "Виталий Снесарь"))
    snesar = snesar.one()
    db.session.add(FeedToken(scope=FeedScope.PERSON, visit_id=demo.id, person_id=snesar.id))
    db.session.commit()
    html = page(staff_client, f"/visits/{demo.id}/program?person={snesar.id}")
    assert "Встреча с акимом" in html and "Церемония" in html
    # A public event his delegation's ensembles give, as his calendar link shows it.
    assert "Концертная программа" in html
    assert "<svg" in html  # the QR code of his feed


def test_no_feed_code_without_a_token(staff_client, db, demo):
    assert "<svg" not in page(staff_client, f"/visits/{demo.id}/program")


def test_one_day(staff_client, make_visit, make_event):
    visit = make_visit()
    make_event(visit, DAY, time(10), time(11), title=LocalizedText(ru="Первый день"))
    make_event(visit, DAY.replace(day=22), time(10), time(11), title=LocalizedText(ru="Второй"))
    html = page(staff_client, f"/visits/{visit.id}/program?day=2025-04-22")
    assert "Второй" in html and "Первый день" not in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("day=2025-04-30", 404),
        ("day=21.04.2025", 400),
        ("day=2025-02-30", 400),
        ("variant=secret", 400),
        ("lang=de", 400),
        ("person=abc", 400),
        ("person=²", 400),
        ("person=999999", 404),
    ],
)
def test_bad_input(staff_client, make_visit, query, status):
    visit = make_visit()
    for suffix in ("program", "program.pdf"):
        response = staff_client.get(f"/visits/{visit.id}/{suffix}?{query}")
        assert response.status_code == status
        assert "notice error" in response.get_data(as_text=True)


def test_unknown_visit_is_404(staff_client):
    assert staff_client.get("/visits/999/program").status_code == 404
    assert staff_client.get("/visits/999/program.pdf").status_code == 404


def test_person_outside_the_visit_is_404(staff_client, db, demo):
    stranger = Person(full_name=LocalizedText(ru="Посторонний"))
    db.session.add(stranger)
    db.session.commit()
    assert staff_client.get(f"/visits/{demo.id}/program?person={stranger.id}").status_code == 404


def test_empty_visit_says_so(staff_client, make_visit):
    html = page(staff_client, f"/visits/{make_visit().id}/program?lang=en")
    assert "The programme has no events yet." in html


def test_etag_304_and_changes(staff_client, db, demo):
    url = f"/visits/{demo.id}/program"
    first = staff_client.get(url)
    tag = first.headers["ETag"]
    assert staff_client.get(url, headers={"If-None-Match": tag}).status_code == 304
    other = staff_client.get(url + "?variant=working").headers["ETag"]
    assert other != tag
    demo.events[0].title = LocalizedText(ru="Новое название")
    db.session.commit()
    assert staff_client.get(url, headers={"If-None-Match": tag}).status_code == 200


def test_responsible_rename_changes_etag(staff_client, db, demo):
    url = f"/visits/{demo.id}/program?variant=working"
    tag = staff_client.get(url).headers["ETag"]
    officer = db.session.scalars(db.select(Person).where(Person.phone.is_not(None))).one()
    officer.phone = "+7 702 111 11 11"
    db.session.commit()
    response = staff_client.get(url, headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert "+7 702 111 11 11" in response.get_data(as_text=True)


def test_viewer_may_print(viewer_client, demo):
    assert viewer_client.get(f"/visits/{demo.id}/program").status_code == 200


def test_anonymous_is_sent_to_sign_in(client, demo):
    assert client.get(f"/visits/{demo.id}/program").status_code == 302


def _add_events(db, visit, make_event, count: int, start: int) -> None:
    people = [Person(full_name=LocalizedText(ru=f"Участник {n}")) for n in range(3)]
    db.session.add_all(people)
    db.session.commit()
    for n in range(count):
        event = make_event(
            visit,
            DAY,
            time(6 + (start + n) % 16),
            time(6 + (start + n) % 16, 30),
            title=LocalizedText(ru=f"Событие {start + n}"),
            visibility=Visibility.INTERNAL if n % 2 else Visibility.PUBLIC,
            responsible_id=people[n % 3].id,
        )
        event.participants.append(
            EventParticipant(
                person_id=people[(n + 1) % 3].id, role=ParticipantRole.GUEST, side=Side.GUEST
            )
        )
    db.session.commit()


def test_queries_constant_in_number_of_events(staff_client, db, demo, make_event, count_queries):
    member = DelegationMember(
        delegation_id=demo.delegation_id, person_id=demo.events[0].responsible_id, precedence=9
    )
    db.session.add(member)
    db.session.commit()
    url = f"/visits/{demo.id}/program?variant=working"
    staff_client.get(url)
    conflict_cache.clear()  # its conflicts computed on each count, not found cached
    with count_queries() as few:
        page(staff_client, url)
    _add_events(db, demo, make_event, 30, 0)
    with count_queries() as many:
        html = page(staff_client, url)
    assert "Событие 29" in html
    mine = [q for q in many if "FROM users" not in q]  # the sign-in's own, cached at times
    assert len(mine) == len([q for q in few if "FROM users" not in q])
    assert len(mine) <= 10, "\n".join(mine)
    conflict_cache.clear()
    with count_queries() as poll:
        tag = staff_client.get(url).headers["ETag"]
        staff_client.get(url, headers={"If-None-Match": tag})
    assert len([q for q in poll if "FROM users" not in q]) == len(mine) + 1  # the version row


def test_print_links_partial(app, staff_client, demo):
    with app.test_request_context():
        html = render_template("programme/_print_links.html", visit=demo)
    assert f"/visits/{demo.id}/program?variant=guest&amp;lang=ru" in html
    assert f"/visits/{demo.id}/program.pdf?variant=working&amp;lang=kk&amp;day=2025-04-21" in html
    assert "person=" in html  # Vitaly Snesar, a delegation member who is a person


def test_page_has_back_print_and_download_controls(staff_client, demo):
    html = page(staff_client, f"/visits/{demo.id}/program?lang=kk&variant=working&day={DAY}")
    nav = html.split('<nav class="print-controls"')[1].split("</nav>")[0]
    assert f'href="/visits/{demo.id}"' in nav
    assert 'class="print-button" hidden>Басып шығару<' in nav  # shown by its script
    pdf = f"/visits/{demo.id}/program.pdf?variant=working&amp;lang=kk&amp;day={DAY}"
    assert f'href="{pdf}" download>PDF жүктеп алу<' in nav
    assert '<script src="/static/js/print-button.js" defer></script>' in html
    script = staff_client.get("/static/js/print-button.js")
    assert script.status_code == 200
    script.close()


def test_approval_block_on_the_working_copy_only(staff_client, db, demo):
    demo.approved_by_name = LocalizedText(ru="Иванов И. И.", kk="И. И. Иванов")
    demo.approved_by_position = LocalizedText(kk="Хаттама қызметінің басшысы")
    db.session.commit()
    working = page(staff_client, f"/visits/{demo.id}/program?variant=working&lang=kk")
    block = working.split('<div class="approval">')[1].split("</div>")[0]
    for words in ("Келісілді", "Хаттама қызметінің басшысы", "И. И. Иванов"):
        assert words in block
    assert 'class="approval"' not in page(staff_client, f"/visits/{demo.id}/program?lang=kk")
