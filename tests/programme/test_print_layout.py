"""The printed page in each language: the running header, the draft mark, a typical day
on one A4 page, the working copy's notes kept inside the page."""

from datetime import date, time

import pytest
from flask_babel import force_locale

from tests.programme.conftest import DAY, pdf_pages
from visits.i18n import full_date_span
from visits.models import EventParticipant, EventStatus, LocalizedText
from visits.programme.printing import PrintOptions, file_name

DATES = {
    "ru": (
        "Даты 21 апреля 2025 г.",
        "Понедельник, 21 апреля 2025 г.",
        "местное — Усть-Каменогорск, UTC+5",
        "делегации — Барнаул, UTC+7",
    ),
    "kk": (
        "2025 жылғы 21 сәуір",
        "2025 ж. 21 сәуір, дүйсенбі",
        "жергілікті — Өскемен, UTC+5",
        "Барнауыл, UTC+7",
    ),
    "en": (
        "Dates 21 April 2025",
        "Monday, April 21, 2025",
        "local — Ust-Kamenogorsk, UTC+5",
        "Barnaul, UTC+7",
    ),
}
CANCELLED = LocalizedText(ru="Отменённый приём")
TENTATIVE = {"ru": "предварительно", "kk": "алдын ала", "en": "tentative"}
HEADERS = {"ru": "стр. 1 из 1", "kk": "1 беттің 1-беті", "en": "page 1 of 1"}
DRAFT = {"ru": "Проект на", "kk": "жағдай бойынша жоба", "en": "Draft as of"}


# Five more events of a typical day, each with the participants of the demo's busiest one,
# translated as the demo is (a day printed in Kazakh has its Kazakh texts).
MORE = [
    (time(8, 0), time(9, 0),
     ("Рабочий завтрак с руководством акимата", "Әкімдік басшылығымен жұмыс таңғы асы",
      "Working breakfast with the akimat's leadership"),
     ("Гостиница «Иртыш»", "«Ертіс» қонақ үйі", "Irtysh Hotel")),
    (time(13, 45), time(14, 45),
     ("Обед от имени акима области", "Облыс әкімінің атынан түскі ас",
      "Lunch on behalf of the akim of the region"),
     ("Зал официальных приёмов", "Ресми қабылдаулар залы", "Hall of official receptions")),
    (time(15, 0), time(16, 0),
     ("Посещение Восточно-Казахстанского областного музея",
      "Шығыс Қазақстан облыстық музейіне бару", "Visit to the East Kazakhstan Regional Museum"),
     None),
    (time(16, 15), time(17, 15),
     ("Встреча с казахстанскими солистами концерта",
      "Концерттің қазақстандық солистерімен кездесу",
      "Meeting with the Kazakhstani soloists of the concert"),
     None),
    (time(17, 30), time(18, 30),
     ("Брифинг для представителей средств массовой информации",
      "Бұқаралық ақпарат құралдары өкілдеріне арналған брифинг", "Briefing for the media"),
     None),
]  # fmt: skip


@pytest.fixture
def guest_day(sqlite_only, db, staff_client, make_event, demo) -> dict[str, list[str]]:
    """A typical day of eight events (the demo's three and five more) as the guest copy
    prints it in each language, page by page (each PDF rendered once)."""
    busiest = max(demo.events, key=lambda event: len(event.participants))
    for start, end, title, notes in MORE:
        event = make_event(demo, DAY, start, end, title=LocalizedText(*title))
        event.notes = LocalizedText(*notes) if notes else None
        event.venue = busiest.venue
        for n, who in enumerate(busiest.participants):
            db.session.add(
                EventParticipant(
                    event=event,
                    person=who.person,
                    organization=who.organization,
                    role=who.role,
                    side=who.side,
                    position=n,
                )
            )
    event.status = EventStatus.TENTATIVE  # the last one is not confirmed yet
    make_event(demo, DAY, time(21), time(22), title=CANCELLED, status=EventStatus.CANCELLED)
    db.session.commit()
    pages = {}
    for lang in HEADERS:
        url = f"/visits/{demo.id}/program.pdf?lang={lang}&day={DAY.isoformat()}"
        response = staff_client.get(url)
        assert response.status_code == 200
        name = f"programme-{demo.id}-guest-{lang}-2025-04-21.pdf"
        assert response.headers["Content-Disposition"] == f'inline; filename="{name}"'
        pages[lang] = [" ".join(page.split()) for page in pdf_pages(response.data)]
    return pages


def test_typical_guest_day_is_one_page_with_its_header_in_each_language(guest_day):
    for lang, pages in guest_day.items():
        assert len(pages) == 1, (lang, len(pages))
        assert HEADERS[lang] in pages[0], lang
        assert DRAFT[lang] in pages[0], lang
        assert "{" not in pages[0] and "%(" not in pages[0], lang
        for words in DATES[lang]:
            assert words in pages[0], (lang, words)
        assert "Алматы" not in pages[0] and "Almaty" not in pages[0]
        assert TENTATIVE[lang] in pages[0], lang
        assert "Отменённый приём" not in pages[0], lang
        assert "PDF" not in pages[0], lang  # the page's controls are not printed
    assert "Черновик" not in guest_day["ru"][0]


LONG_WORD = "Служебный_вход_с_северной_стороны_здания_через_контрольно-пропускной_пункт"


def test_working_copy_wraps_long_words_inside_the_notes_column(sqlite_only, db, staff_client, demo):
    briefing = next(e for e in demo.events if e.internal_notes)
    briefing.internal_notes = LONG_WORD
    demo.approved_by_name = LocalizedText(ru="Иванов И. И.")
    demo.approved_by_position = LocalizedText(ru="Руководитель протокольной службы")
    db.session.commit()
    response = staff_client.get(f"/visits/{demo.id}/program.pdf?variant=working&day={DAY}")
    pages = pdf_pages(response.data)
    text = "\n".join(pages)
    assert LONG_WORD in "".join(text.split())  # all of it is printed...
    assert LONG_WORD not in text.split()  # ...broken over lines of the 25 mm column
    flat = " ".join(text.split())
    assert "СОГЛАСОВАНО Руководитель протокольной службы Иванов И. И." in flat


def test_file_names_tell_variant_language_day_and_person_apart():
    names = {
        file_name(1, PrintOptions(variant, lang, day, person), "pdf")
        for variant in ("guest", "working")
        for lang in ("ru", "kk", "en")
        for day in (None, DAY)
        for person in (None, 7)
    }
    assert len(names) == 24
    assert "programme-1-working-kk-2025-04-21-person-7.pdf" in names
    assert all(name.isascii() for name in names)


@pytest.mark.parametrize(
    ("lang", "first", "last", "written"),
    [
        ("ru", date(2025, 4, 21), date(2025, 4, 23), "21–23 апреля 2025 г."),
        ("kk", date(2025, 4, 21), date(2025, 4, 23), "2025 жылғы 21–23 сәуір"),
        ("en", date(2025, 4, 21), date(2025, 4, 23), "21–23 April 2025"),
        ("ru", date(2025, 4, 30), date(2025, 5, 2), "30 апреля – 2 мая 2025 г."),
        ("kk", date(2025, 4, 30), date(2025, 5, 2), "2025 жылғы 30 сәуір – 2 мамыр"),
        ("en", date(2024, 12, 31), date(2025, 1, 1), "31 December 2024 – 1 January 2025"),
    ],
)
def test_date_ranges_with_full_month_names(app, lang, first, last, written):
    with app.test_request_context(), force_locale(lang):
        assert full_date_span(first, last) == written
