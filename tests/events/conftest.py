"""Fixtures of the event page tests: a visit with people, groups and venues to choose."""

import re
from dataclasses import dataclass

import pytest

from visits.models import Event, LocalizedText, Organization, Person, Venue
from visits.scheduling.timezones import to_local


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so the tests read the messages as written in the source."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@dataclass
class Cast:
    people: list[Person]
    groups: list[Organization]
    venues: list[Venue]


@pytest.fixture
def cast(db) -> Cast:
    """Three people, two groups and two venues (ids in this order)."""
    people = [Person(full_name=LocalizedText(ru=name)) for name in ("Аким", "Снесарь", "Солист")]
    groups = [Organization(name=LocalizedText(ru=name)) for name in ("«Сибирь»", "«Алтай»")]
    venues = [Venue(name=LocalizedText(ru=name)) for name in ("Акимат", "Ертіс концерт")]
    db.session.add_all([*people, *groups, *venues])
    db.session.commit()
    return Cast(people, groups, venues)


def form_data(**overrides: str) -> dict[str, str]:
    """A valid event form: a meeting on 21 April 2025, 19:00–21:00 in the visit's zone."""
    return {
        "kind": "meeting",
        "title_ru": "Встреча с акимом",
        "title_kk": "",
        "title_en": "Meeting with the akim",
        "day": "2025-04-21",
        "start_time": "19:00",
        "end_time": "21:00",
        "venue_id": "",
        "status": "confirmed",
        "visibility": "delegation",
        "description_ru": "",
        "dress_code_ru": "",
        "notes_ru": "",
        "internal_notes": "",
    } | overrides


def rows(*participants: tuple) -> dict[str, str]:
    """Participant rows: (person_id, organization_id, role, side[, remove])."""
    data = {}
    for n, (person, group, role, side, *remove) in enumerate(participants):
        data |= {
            f"participants-{n}-person_id": str(person or ""),
            f"participants-{n}-organization_id": str(group or ""),
            f"participants-{n}-role": role,
            f"participants-{n}-side": side,
        }
        if remove:
            data[f"participants-{n}-remove"] = "y"
    return data


def edit_data(event: Event, **overrides: str) -> dict[str, str]:
    """The edit form as the page shows it for `event` (its version included)."""
    starts = to_local(event.starts_at, event.visit.timezone)
    ends = to_local(event.ends_at, event.visit.timezone)
    data = form_data(
        kind=event.kind.value,
        title_ru=event.title.ru or "",
        title_en=event.title.en or "",
        day=starts.date().isoformat(),
        start_time=starts.strftime("%H:%M"),
        end_time=ends.strftime("%H:%M"),
        venue_id=str(event.venue_id or ""),
        status=event.status.value,
        visibility=event.visibility.value,
        internal_notes=event.internal_notes or "",
        version_id=str(event.version_id),
    )
    if ends.date() > starts.date():
        data["ends_next_day"] = "y"
    data |= rows(
        *((p.person_id, p.organization_id, p.role.value, p.side.value) for p in event.participants)
    )
    return data | overrides


def text_of(response) -> str:
    """The page's visible text with whitespace collapsed."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def preview_form(response) -> dict[str, str | list[str]]:
    """What the «Apply» button of a bulk preview page posts (the events ticked included)."""
    html = response.get_data(as_text=True)
    start = html.index('<section class="bulk-preview">')
    form = html[html.index("<form", start) : html.index("</form>", start)]
    fields: dict[str, str | list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        fields[name] = [*fields.get(name, []), value] if name == "event" else value  # type: ignore[list-item]
    version = re.search(r'name="versions" type="hidden" value="([^"]*)"', form)
    fields["versions"] = version.group(1) if version else ""
    return fields | {"apply": "1"}


def apply_preview(client, response):
    """Press «Apply» on the bulk preview `response`."""
    return client.post(response.request.path, data=preview_form(response))
