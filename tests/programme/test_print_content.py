"""What a real programme carries: the composition of both sides, participants as
protocol writes them, hotels and the organizers' contacts, and a person's print that
agrees with their calendar feed."""

import re
from datetime import date

from tests.programme.conftest import pdf_pages
from visits.demo import demo_feed_tokens
from visits.models import Event, LocalizedText, Person, Stay, Venue


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return " ".join(response.get_data(as_text=True).split())


def snesar(db) -> Person:
    return db.session.scalars(
        db.select(Person).where(Person.full_name_ru == "Виталий Снесарь")
    ).one()


def test_composition_and_participants_as_protocol_writes_them(staff_client, demo):
    html = page(staff_client, f"/visits/{demo.id}/program?lang=ru")
    assert "Состав делегации" in html
    head = "Снесарь В.</span> — заместитель председателя правительства Алтайского края"
    assert head in html
    orchestra = html.index("Алтайский государственный оркестр")
    assert html.index(head) < orchestra < html.index("молодежный ансамбль песни и танца")
    assert "С принимающей стороны" in html
    akim = html.index("Сактаганов Н.</span> — аким Восточно-Казахстанской области")
    assert akim < html.index("Нургалиев Е.</span> — заместитель акима")
    # In the event: post, then surname and initials.
    assert "Заместитель председателя правительства Алтайского края Снесарь В." in html
    assert "Аким Восточно-Казахстанской области Сактаганов Н." in html
    assert html.index("Состав делегации") < html.index('class="day')


def test_hotel_for_all_and_contacts_in_the_working_copy_only(staff_client, db, demo):
    hotel = Venue(
        name=LocalizedText(ru="Гостиница «Ирбис»"), address=LocalizedText(ru="ул. Горького, 1")
    )
    db.session.add(hotel)
    db.session.flush()
    db.session.add(
        Stay(visit_id=demo.id, hotel_id=hotel.id, check_in=date(2025, 4, 20),
             check_out=date(2025, 4, 22), notes="номера 501–505")
    )  # fmt: skip
    officer = Person(full_name=LocalizedText(ru="Жанна Омарова"), phone="+7 705 111 22 33",
                     email="omarova@akimat.example")  # fmt: skip
    db.session.add(officer)
    db.session.flush()
    demo.liaison_officer_id = officer.id
    db.session.commit()
    guest = page(staff_client, f"/visits/{demo.id}/program?lang=ru")
    assert "Гостиница «Ирбис»</span>, ул. Горького, 1" in guest
    assert "номера 501" not in guest and "Омарова" not in guest
    working = page(staff_client, f"/visits/{demo.id}/program?lang=ru&variant=working")
    assert "номера 501–505" in working
    assert 'Куратор визита:</span> <span class="name">Омарова Ж.</span>' in working
    assert "+7 705 111 22 33 · omarova@akimat.example" in working
    assert "Серикова А.</span> · +7 701 000 00 00" in working  # the briefing's responsible
    # A changed stay is a new print: the ETag counts the hotels.
    tag = staff_client.get(f"/visits/{demo.id}/program?lang=ru").headers["ETag"]
    db.session.scalars(db.select(Stay)).one().check_out = date(2025, 4, 23)
    db.session.commit()
    assert staff_client.get(f"/visits/{demo.id}/program?lang=ru").headers["ETag"] != tag


def test_heads_programme_lists_the_events_of_his_calendar(client, staff_client, db, demo):
    tokens = demo_feed_tokens(db.session, demo)
    db.session.commit()
    head = snesar(db)
    token = next(t for t in tokens if t.person_id == head.id)
    feed = client.get(f"/feeds/{token.token}.ics").get_data(as_text=True)
    in_feed = set(re.findall(r"^UID:(.+?)\r?$", feed, re.M))
    html = page(staff_client, f"/visits/{demo.id}/program?person={head.id}")
    ids = [int(n) for n in re.findall(r'id="event-(\d+)"', html)]
    printed = set(db.session.scalars(db.select(Event.uid).where(Event.id.in_(ids))))
    assert printed == {uid for uid in in_feed if uid.endswith("@visits")}
    assert len(printed) == 3  # the meeting, the ceremony and the concert


def test_composition_in_the_russian_and_kazakh_pdf(staff_client, demo, sqlite_only):
    ru = " ".join(
        "\n".join(
            pdf_pages(staff_client.get(f"/visits/{demo.id}/program.pdf?lang=ru").data)
        ).split()
    )
    assert "Состав делегации" in ru
    assert "Снесарь В. — заместитель председателя правительства Алтайского края" in ru
    assert "С принимающей стороны" in ru
    assert "Сактаганов Н. — аким Восточно-Казахстанской области" in ru
    assert ru.index("Снесарь В. —") < ru.index("«Сибирь»") < ru.index("ансамбль песни и танца")
    kk = " ".join(
        "\n".join(
            pdf_pages(staff_client.get(f"/visits/{demo.id}/program.pdf?lang=kk").data)
        ).split()
    )
    assert "Делегация құрамы" in kk
    assert "Снесарь В. — Алтай өлкесі үкіметі төрағасының орынбасары" in kk
    assert "Қабылдаушы тараптан" in kk
    assert "Сақтағанов Н. — Шығыс Қазақстан облысының әкімі" in kk
