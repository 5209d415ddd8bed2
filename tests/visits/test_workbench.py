"""The visit page as a workbench: the programme first, the print and share links in one
compact menu, a skip link and labelled rows for the keyboard and screen readers."""

import re

from visits.demo import load_demo


def html_of(client, visit) -> str:
    return client.get(f"/visits/{visit.id}?lang=en").get_data(as_text=True)


def test_the_programme_comes_before_the_facts_delegation_and_logistics(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    html = html_of(staff_client, visit)
    programme = html.index('id="programme"')
    assert programme < html.index('class="facts"') < html.index('class="delegation"')
    assert programme < html.index('id="logistics"')
    assert html.index('<a href="#programme" class="jump">Go to the programme</a>') < programme


def test_print_and_share_links_live_in_one_compact_menu(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    html = html_of(staff_client, visit)
    menu = html[html.index('<details class="menu share">') : html.index("</details>")]
    assert "<summary>Print and share</summary>" in menu
    for link in (
        f"/visits/{visit.id}/feeds",
        f"/visits/{visit.id}/translations",
        f"/visits/{visit.id}/import",
        f"/imports/visits/{visit.id}.json",
        f"/visits/{visit.id}/program.pdf",
    ):
        assert link in menu, link


def test_a_skip_link_leads_to_the_content_of_every_page(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    for url in ("/visits/", f"/visits/{visit.id}"):
        html = staff_client.get(url + "?lang=en").get_data(as_text=True)
        body = html[html.index("<body>") :]
        assert re.match(r'<body>\s*<a class="skip-link" href="#content">Skip to content</a>', body)
        assert '<main id="content" tabindex="-1">' in html


def test_rows_and_their_actions_are_labelled_with_the_event(staff_client, db):
    visit = load_demo(db.session)
    db.session.commit()
    html = html_of(staff_client, visit)
    assert '<caption class="visually-hidden">Programme of Monday, April 21, 2025</caption>' in html
    concert = next(e for e in visit.events if e.starts_at.hour == 14)  # 19:00 in Almaty
    name = f"19:00 {concert.title.get('en')}"
    assert f'aria-label="Edit: {name}">Edit</a>' in html
    assert f'aria-label="Select {name}"' in html
