"""Entering the seed visit from an empty database in a real browser, two ways, side by side.

- **planner**: the tools staff have now, with script on: the delegation's members pasted as
  a list (people and ensembles found or created in one save), venues and people created
  from inside the event form, people found by typing part of a name, rows added without a
  reload;
- **forms**: the plain forms with script off, one record per form: every organization,
  person, venue and member on its own page before the events that use them.

Both enter the visit of `visits/demo/altai-krai-2025.json` (the seed visit: one day, three
events, a delegation of a person and two ensembles, five organizations, three people,
three venues) with its Russian texts, kinds, times, places, statuses and participants with
their roles and sides. What the planner leaves for later: the ensembles' country (the
pasted list names them only) and a venue's notes (the dialog asks what planning needs).

Prints `planner saves: N, page loads: M` and `forms saves: N, page loads: M`. A save is a
request that changed data: each is one change set of the history, counted in the database
after signing in; a page load is a document the browser loaded. Target: at most 15 saves
for the planner.
"""

import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask_migrate import upgrade
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import func, select
from werkzeug.serving import make_server

from visits import MIGRATIONS, create_app
from visits.auth.services import create_user
from visits.config import TestConfig
from visits.extensions import db
from visits.models import ChangeSet, Event, Role

SEED = Path(__file__).resolve().parent.parent / "visits" / "demo" / "altai-krai-2025.json"
CHROMIUM = "/usr/bin/chromium"
EMAIL, PASSWORD = "planner@visits.example", "entry-bench-password-1"
SAVE = "form.edit button.primary[type=submit]"


class Seed:
    """The seed visit's records by key, and the Russian texts of each."""

    def __init__(self, path: Path = SEED) -> None:
        self.data = json.loads(path.read_text(encoding="utf-8"))
        self.by_key = {
            item["key"]: item
            for part in ("organizations", "people", "venues")
            for item in self.data[part]
        }
        self.zone = ZoneInfo(self.data["visit"]["timezone"])

    def name(self, key: str) -> str:
        item = self.by_key[key]
        return (item.get("full_name") or item["name"])["ru"]

    def local(self, moment: str) -> datetime:
        return datetime.fromisoformat(moment).astimezone(self.zone)

    @property
    def events(self) -> list[dict]:
        return self.data["events"]

    @property
    def members(self) -> list[dict]:
        return self.data["delegation"]["members"]


def programme(seed: Seed) -> list[tuple]:
    """What the seed's events are, in plain values, to compare an entered visit with."""
    return sorted(
        (
            e["title"]["ru"],
            e["kind"],
            e["status"],
            e["visibility"],
            datetime.fromisoformat(e["starts_at"]),
            datetime.fromisoformat(e["ends_at"]),
            seed.name(e["venue"]),
            tuple(
                (seed.name(p["person"] or p["organization"]), p["role"], p["side"])
                for p in e["participants"]
            ),
        )
        for e in seed.events
    )


def entered() -> list[tuple]:
    """The events in the database, as `programme` writes them."""
    return sorted(
        (
            e.title.ru,
            e.kind.value,
            e.status.value,
            e.visibility.value,
            e.starts_at,
            e.ends_at,
            e.venue.name.ru if e.venue else None,
            tuple((p.display_name.ru, p.role.value, p.side.value) for p in e.participants),
        )
        for e in db.session.scalars(select(Event))
    )


@contextmanager
def served() -> Iterator[tuple[str, Callable[[], int], Callable[[], list[tuple]]]]:
    """The app on an empty migrated database with one staff account; yields its address,
    a function counting the change sets saved so far and one reading the events back."""
    folder = tempfile.mkdtemp(prefix="visits-entry-")
    app = create_app(TestConfig(folder, f"sqlite:///{folder}/entry.sqlite3"))
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: every form carries its token
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        create_user(db.session(), EMAIL, PASSWORD, Role.EDITOR)
        db.session.commit()

    def saves() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(ChangeSet)) or 0

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    def events() -> list[tuple]:
        with app.app_context():
            return entered()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", saves, events
    finally:
        server.shutdown()
        thread.join()


def sign_in(page: Page, base: str) -> None:
    page.goto(base + "/auth/login")
    page.locator("#email").fill(EMAIL)
    page.locator("#password").fill(PASSWORD)
    page.locator("form input[type=submit]").click()
    expect(page.locator("header.site .who")).to_be_visible()


def fill_texts(page: Page, item: dict, *names: str) -> None:
    """The Russian variant of each of the item's texts `names` into `#<name>_ru`."""
    for name in names:
        text = (item.get(name) or {}).get("ru")
        if text:
            page.locator(f"#{name}_ru").fill(text)


def save(page: Page) -> None:
    page.locator(SAVE).last.click()
    page.wait_for_load_state()
    refused = page.locator(".has-error:visible, .flash.error:visible, .notice.error:visible")
    if refused.count():
        raise RuntimeError(f"{page.url} refused the save: {refused.all_inner_texts()}")


def new_organization(page: Page, base: str, item: dict) -> None:
    page.goto(base + "/organizations/new")
    fill_texts(page, item, "name")
    page.locator("#kind").select_option(item["kind"])
    if item.get("country"):
        page.locator("#country").fill(item["country"])
    save(page)


def new_visit(page: Page, base: str, seed: Seed, delegation: str) -> str:
    visit = seed.data["visit"]
    page.goto(base + "/visits/new")
    fill_texts(page, visit, "title", "city", "occasion", "topics", "purpose")
    page.locator("#delegation_id").select_option(label=delegation)
    page.locator("#host_organization_name").fill(seed.name(visit["host_organization"]))  # picker
    page.locator("#timezone").fill(visit["timezone"])
    page.locator("#start_date").fill(visit["start_date"])
    page.locator("#end_date").fill(visit["end_date"])
    page.locator("#status").select_option(visit["status"])
    save(page)
    return page.url.split("#")[0]


def new_delegation(page: Page, base: str, seed: Seed) -> str:
    delegation = seed.data["delegation"]
    page.goto(base + "/delegations/new")
    fill_texts(page, delegation, "name", "origin_region")
    page.locator("#origin_country").select_option(delegation["origin_country"])
    page.locator("#home_timezone").fill(delegation["home_timezone"])
    save(page)
    return delegation["name"]["ru"]


def event_times(page: Page, seed: Seed, event: dict) -> None:
    starts, ends = seed.local(event["starts_at"]), seed.local(event["ends_at"])
    page.locator("#day").fill(f"{starts:%Y-%m-%d}")
    page.locator("#start_time").fill(f"{starts:%H:%M}")
    page.locator("#end_time").fill(f"{ends:%H:%M}")
    page.locator("#kind").select_option(event["kind"])
    page.locator("#status").select_option(event["status"])
    page.locator("#visibility").select_option(event["visibility"])
    fill_texts(page, event, "title", "description", "notes")


def set_row(page: Page, row: int, seed: Seed, who: dict, *, person_select: bool) -> None:
    """Row `row` of the participants: who (when `person_select`, the person's full name
    typed, resolved on save), their role and side."""
    prefix = f"#participants-{row}-"
    if who["organization"]:
        page.locator(prefix + "organization_name").fill(seed.name(who["organization"]))
    elif person_select:
        page.locator(prefix + "person_name").fill(seed.name(who["person"]))
    page.locator(prefix + "role").select_option(who["role"])
    page.locator(prefix + "side").select_option(who["side"])


# --- the plain forms -------------------------------------------------------------------


def by_forms(page: Page, base: str, seed: Seed) -> None:
    for item in seed.data["organizations"]:
        new_organization(page, base, item)
    for item in seed.data["people"]:
        page.goto(base + "/people/new")
        fill_texts(page, item, "full_name", "position")
        if item.get("organization"):
            label = seed.name(item["organization"])
            page.locator("#organization_name").fill(label)  # the picker: resolved on save
        save(page)
    for item in seed.data["venues"]:
        page.goto(base + "/venues/new")
        fill_texts(page, item, "name", "address", "city")
        if item.get("shared"):
            page.locator("#shared").check()
        save(page)
    delegation = new_delegation(page, base, seed)
    for member in seed.members:
        add = page.locator("form[action*='/members#']")
        if member["person"]:
            add.locator("#person_name").fill(seed.name(member["person"]))
        else:
            add.locator("#organization_name").fill(seed.name(member["organization"]))
        add.locator("#role").select_option(member["role"])
        add.locator("button.primary").click()
        page.wait_for_load_state()
    visit_url = new_visit(page, base, seed, delegation)
    for event in seed.events:
        page.goto(visit_url + "/events/new")
        event_times(page, seed, event)
        page.locator("#venue_id").select_option(label=seed.name(event["venue"]))
        for row, who in enumerate(event["participants"]):
            set_row(page, row, seed, who, person_select=True)
        save(page)


# --- the planner -----------------------------------------------------------------------


def paste_members(page: Page, seed: Seed, members: list[dict], role: str, **options) -> None:
    """Members typed as a list on the delegation page, one per line."""
    page.get_by_text("Добавить нескольких участников сразу").click()
    lines = []
    for member in members:
        key = member["person"] or member["organization"]
        position = (seed.by_key[key].get("position") or {}).get("ru")
        lines.append(f"{seed.name(key)} — {position}" if position else seed.name(key))
    page.locator("#several-lines").fill("\n".join(lines))
    if options.get("groups"):
        page.locator("#several-groups-1").check()
    page.locator("#several-role").select_option(role)
    if options.get("organization"):  # typed in the picker, a match taken from its list
        box = page.locator("#several-organization_name")
        box.fill(options["organization"])
        page.locator("ul[role=listbox]:visible li[role=option]").first.wait_for()
        box.press("ArrowDown")
        box.press("Enter")
    page.locator("form[action*='/members/several'] button.primary").click()
    page.wait_for_load_state()


def quick_venue(page: Page, seed: Seed, key: str) -> None:
    venue = seed.by_key[key]
    page.locator("button[data-dialog=new-venue]").click()
    dialog = page.locator("dialog#new-venue")
    dialog.locator("#name_ru-quick").fill(venue["name"]["ru"])
    if venue["city"].get("ru"):
        dialog.locator("#city_ru-quick").fill(venue["city"]["ru"])
    if venue.get("shared"):
        dialog.locator("#shared-quick").check()
    dialog.locator("button.primary").click()
    expect(dialog).to_be_hidden()


def quick_person(page: Page, seed: Seed, key: str) -> None:
    person = seed.by_key[key]
    page.locator("button[data-dialog=new-person]").click()
    dialog = page.locator("dialog#new-person")
    dialog.locator("#full_name_ru-quick").fill(person["full_name"]["ru"])
    dialog.locator("#position_ru-quick").fill(person["position"]["ru"])
    org = seed.name(person["organization"])
    box = dialog.locator("#organization_id-quick")
    box.fill(org)
    dialog.locator("li[role=option]", has_text=org).first.click()
    dialog.locator("button.primary").click()
    expect(dialog).to_be_hidden()


def find_person(page: Page, row: int, name: str) -> None:
    """Type part of the name in the row's search box and take the first match."""
    box = (
        page.locator("table[data-rows] tbody tr")
        .nth(row)
        .locator("input[role=combobox][name$=person_name]")
    )
    box.fill(name.split()[-1])
    page.locator("ul[role=listbox]:visible li[role=option]").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")


def by_planner(page: Page, base: str, seed: Seed) -> None:
    visit = seed.data["visit"]
    head = next(m for m in seed.members if m["person"])
    groups = [m for m in seed.members if m["organization"]]
    # The organizations the forms ask for by name: the host, the head's government, and
    # the soloists who perform on the host side.
    wanted = {visit["host_organization"], seed.by_key[head["person"]]["organization"]}
    wanted |= {
        p["organization"]
        for e in seed.events
        for p in e["participants"]
        if p["organization"] and p["organization"] not in {m["organization"] for m in groups}
    }
    for key in sorted(wanted):
        new_organization(page, base, seed.by_key[key])
    delegation = new_delegation(page, base, seed)
    organization = seed.name(seed.by_key[head["person"]]["organization"])
    paste_members(page, seed, [head], head["role"], organization=organization)
    paste_members(page, seed, groups, groups[0]["role"], groups=True)
    visit_url = new_visit(page, base, seed, delegation)

    venues: set[str] = set()
    people = {head["person"]}
    for event in seed.events:
        page.goto(visit_url + "/events/new")
        event_times(page, seed, event)
        if event["venue"] in venues:
            page.locator("#venue_id").select_option(label=seed.name(event["venue"]))
        else:
            quick_venue(page, seed, event["venue"])
            venues.add(event["venue"])
        for row, who in enumerate(event["participants"]):
            if who["person"] in people:
                find_person(page, row, seed.name(who["person"]))
            elif who["person"]:
                quick_person(page, seed, who["person"])  # lands in the first empty row
                people.add(who["person"])
            set_row(page, row, seed, who, person_select=False)
        save(page)


def enter(way: Callable[[Page, str, Seed], None], script: bool) -> tuple[int, int]:
    """Saves and page loads it took to enter the seed visit `way`."""
    with served() as (base, saves, events), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(locale="ru-RU", java_script_enabled=script)
        context.set_default_timeout(15_000)
        page = context.new_page()
        sign_in(page, base)
        before, loads = saves(), []
        page.on("load", lambda _page: loads.append(1))
        seed = Seed()
        way(page, base, seed)
        browser.close()
        if events() != programme(seed):
            raise RuntimeError(f"{way.__name__} did not enter the seed visit as it is")
        return saves() - before, len(loads)


def run() -> list[tuple[str, str]]:
    planner = enter(by_planner, script=True)
    forms = enter(by_forms, script=False)
    return [
        ("entering the seed visit, planner", "planner saves: {}, page loads: {}".format(*planner)),
        ("entering the seed visit, forms", "forms saves: {}, page loads: {}".format(*forms)),
    ]


if __name__ == "__main__":
    for _label, figure in run():
        print(figure)
