"""The programme as a Word document: `/visits/<id>/program.docx`, read back with
python-docx; the same options, access and caching as the PDF; LibreOffice opens it.
What the .docx holds is database-independent (the loading is the HTML page's, tested on
both): its contents are read on SQLite only."""

import io
import shutil
import subprocess

import docx
import pytest

from tests.programme.conftest import DAY, pdf_pages
from visits.exports.program_docx import STYLES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == DOCX
    return response


def text_of(body: bytes) -> tuple[str, list[list[str]]]:
    document = docx.Document(io.BytesIO(body))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    return paragraphs, rows


def test_guest_copy_in_russian(staff_client, demo, sqlite_only):
    response = fetch(staff_client, f"/visits/{demo.id}/program.docx?lang=ru")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="programme-{demo.id}-guest-ru.docx"'
    )
    document = docx.Document(io.BytesIO(response.data))
    assert set(STYLES) <= {style.name for style in document.styles}
    paragraphs, rows = text_of(response.data)
    assert "Программа пребывания делегации" in paragraphs
    assert "Понедельник, 21 апреля 2025" in paragraphs
    titles = [row[2] for row in rows]
    # The demo's times are assumed: each event is marked tentative, as on the printed page.
    assert (
        "Церемония возложения цветов к мемориальному комплексу «Победа» (предварительно)" in titles
    )
    assert any(row[0] == "10:00–11:30" for row in rows)
    assert not any("Служебный инструктаж" in title for title in titles)
    assert "+7 701" not in str(rows)


def test_working_copy_in_kazakh_has_the_internal_event(staff_client, demo, sqlite_only):
    body = fetch(staff_client, f"/visits/{demo.id}/program.docx?lang=kk&variant=working").data
    paragraphs, rows = text_of(body)
    assert "Делегацияның болу бағдарламасы" in paragraphs
    assert "Шығыс Қазақстан" in paragraphs  # the visit's Kazakh title
    assert rows[0][0] == "Уақыты" and "Іс-шара" in rows[0]
    flat = str(rows)
    assert "Служебный инструктаж протокольной группы" in flat  # no Kazakh title: fallback
    assert "+7 701 000 00 00" in flat and "Toyota Land Cruiser" in flat


def test_one_day_one_table_and_named_file(staff_client, demo, sqlite_only):
    response = fetch(staff_client, f"/visits/{demo.id}/program.docx?day={DAY.isoformat()}")
    assert (
        f'filename="programme-{demo.id}-guest-ru-{DAY.isoformat()}.docx"'
        in (response.headers["Content-Disposition"])
    )
    assert len(docx.Document(io.BytesIO(response.data)).tables) == 1


def test_repeat_request_is_304_bad_input_400_viewers_may(staff_client, viewer_client, demo):
    url = f"/visits/{demo.id}/program.docx"
    tag = fetch(staff_client, url).headers["ETag"].strip('"')
    assert staff_client.get(url, headers={"If-None-Match": f'"{tag}"'}).status_code == 304
    assert staff_client.get(f"{url}?variant=bad").status_code == 400
    assert staff_client.get("/visits/999/program.docx").status_code == 404
    assert viewer_client.get(url).status_code == 200


def test_print_links_offer_word_beside_pdf(staff_client, demo):
    html = staff_client.get(f"/visits/{demo.id}").get_data(as_text=True)
    assert f"/visits/{demo.id}/program.docx?variant=working&amp;lang=kk" in html


@pytest.mark.slow  # LibreOffice takes seconds to start
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_working_copy(staff_client, demo, sqlite_only, tmp_path):
    body = fetch(staff_client, f"/visits/{demo.id}/program.docx?variant=working").data
    (tmp_path / "programme.docx").write_bytes(body)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "programme.docx"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, timeout=120)
    # Whitespace aside: the text LibreOffice's PDF gives back breaks words apart.
    flat = "".join("".join(pdf_pages((tmp_path / "programme.pdf").read_bytes())).split())
    assert "ВстречасакимомВосточно-Казахстанскойобласти" in flat
    assert "Служебныйинструктажпротокольнойгруппы" in flat
