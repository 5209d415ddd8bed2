"""The PDF of the programme: its text, variants, Kazakh letters, long days, the cache."""

from datetime import datetime, time, timedelta

from tests.programme.conftest import DAY, pdf_pages
from visits.models import LocalizedText, Venue


def test_demo_pdf_has_day_events_venues_times_and_mark(staff_client, demo, sqlite_only):
    response = staff_client.get(f"/visits/{demo.id}/program.pdf?lang=ru")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "\n".join(pdf_pages(response.data))
    flat = " ".join(text.split()).replace("- ", "-")  # a line may break after a hyphen
    assert "Понедельник, 21 апреля 2025 г." in flat
    assert "Встреча с акимом Восточно-Казахстанской области" in flat
    assert "Церемония возложения цветов" in flat
    assert "Концертная программа «Во все века»" in flat
    assert "Акимат Восточно-Казахстанской области" in flat
    assert "«Победа»" in flat
    assert "«Ертіс концерт»" in flat
    for local in ("10:00", "12:00", "19:00"):
        assert local in flat
    assert "проект на" in flat.lower()
    # Guest variant (the default): the internal briefing is left out.
    assert "Служебный инструктаж" not in flat
    assert "+7 701" not in flat


def test_working_variant_shows_internal_rows_and_staff(staff_client, demo, sqlite_only):
    response = staff_client.get(f"/visits/{demo.id}/program.pdf?variant=working")
    flat = " ".join("\n".join(pdf_pages(response.data)).split())
    assert "Служебный инструктаж протокольной группы" in flat
    assert "Айгуль Серикова" in flat
    assert "+7 701 000 00 00" in flat
    assert "Toyota Land Cruiser" in flat


def test_kazakh_letters_survive(staff_client, db, demo, sqlite_only):
    venue = db.session.scalars(db.select(Venue).where(Venue.name_ru.like("«Ертіс%"))).one()
    venue.name = LocalizedText(ru=venue.name.ru, kk="Әкімдік ғимараты")
    db.session.commit()
    response = staff_client.get(f"/visits/{demo.id}/program.pdf?lang=kk")
    assert response.status_code == 200
    flat = " ".join("\n".join(pdf_pages(response.data)).split())
    assert "Әкімдік ғимараты" in flat
    assert "Шығыс Қазақстан" in flat  # the visit's Kazakh title
    assert "ДЕЛЕГАЦИЯНЫҢ БОЛУ БАҒДАРЛАМАСЫ" in flat.upper()  # Kazakh UI wording
    assert "2025 ж. 21 сәуір, дүйсенбі" in flat  # the day heading from Babel's kk data


def test_long_day_rows_are_never_cut_across_pages(
    staff_client, make_visit, make_event, sqlite_only
):
    visit = make_visit(end_date=DAY)
    start = datetime.combine(DAY, time(7, 0))
    for n in range(60):
        at = (start + timedelta(minutes=12 * n)).time()
        make_event(
            visit,
            DAY,
            at,
            (start + timedelta(minutes=12 * n + 10)).time(),
            title=LocalizedText(ru=f"Мероприятие номер {n:02d} с длинным названием для переноса"),
            notes=LocalizedText(ru="Примечание в несколько строк, чтобы строка была высокой."),
        )
    response = staff_client.get(f"/visits/{visit.id}/program.pdf?lang=kk")
    pages = [" ".join(page.split()) for page in pdf_pages(response.data)]
    assert len(pages) > 1
    # Kazakh names the page count first: «M беттің N-беті».
    assert f"{len(pages)} беттің 1-беті" in pages[0]
    assert f"{len(pages)} беттің {len(pages)}-беті" in pages[-1]
    for n in range(60):
        title = f"Мероприятие номер {n:02d} с длинным названием для переноса"
        assert sum(title in page for page in pages) == 1, title


def test_repeat_pdf_request_is_304_and_rendered_once(staff_client, demo, sqlite_only, monkeypatch):
    from visits.programme import printing

    url = f"/visits/{demo.id}/program.pdf"
    first = staff_client.get(url)
    tag = first.headers["ETag"].strip('"')
    assert staff_client.get(url, headers={"If-None-Match": f'"{tag}"'}).status_code == 304

    def must_not_render(html):
        raise AssertionError("rendered again")

    monkeypatch.setattr(printing, "render_pdf", must_not_render)
    again = staff_client.get(url)  # no If-None-Match: served from the cache
    assert again.status_code == 200
    assert again.data == first.data


def test_empty_visit_prints_a_valid_document(staff_client, make_visit, sqlite_only):
    visit = make_visit()
    response = staff_client.get(f"/visits/{visit.id}/program.pdf?lang=en")
    assert response.status_code == 200
    flat = " ".join("\n".join(pdf_pages(response.data)).split())
    assert "The programme has no events yet." in flat
