"""The form library's own messages are in the reader's language, in the fields of a form
and in the forms inside it (the three languages of a text, the rows of a table)."""

import pytest

from tests.html_forms import form_fields


@pytest.mark.parametrize(
    ("language", "required"),
    [
        ("ru", "Обязательное поле."),
        ("kk", "Бұл өріс міндетті түрде керек."),
        ("en", "This field is required."),
    ],
)
def test_a_missing_name_is_said_in_the_readers_language(staff_client, language, required):
    page = staff_client.get("/people/new")
    data = form_fields(page.get_data(as_text=True)) | {"full_name_ru": ""}
    response = staff_client.post("/people/new", data=data, headers={"Accept-Language": language})
    assert response.status_code == 422
    assert required in response.get_data(as_text=True)
