"""The printed page in each language: the running header, the draft mark, page count."""

import pytest

from tests.programme.conftest import DAY, pdf_pages

HEADERS = {"ru": "стр. 1 из 1", "kk": "1 беттің 1-беті", "en": "page 1 of 1"}
DRAFT = {"ru": "Проект на", "kk": "жағдай бойынша жоба", "en": "Draft as of"}


@pytest.fixture
def guest_day(staff_client, demo, sqlite_only) -> dict[str, list[str]]:
    """The demo's guest programme of its first day in each language, page by page (each
    PDF rendered once)."""
    pages = {}
    for lang in HEADERS:
        url = f"/visits/{demo.id}/program.pdf?lang={lang}&day={DAY.isoformat()}"
        response = staff_client.get(url)
        assert response.status_code == 200
        pages[lang] = [" ".join(page.split()) for page in pdf_pages(response.data)]
    return pages


def test_guest_day_header_and_draft_mark_in_each_language(guest_day):
    for lang, pages in guest_day.items():
        assert HEADERS[lang] in pages[0], lang
        assert DRAFT[lang] in pages[0], lang
        assert "{" not in pages[0] and "%(" not in pages[0], lang
    assert "Черновик" not in guest_day["ru"][0]
