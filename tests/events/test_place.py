"""Placing an event from the day timeline: POST /events/<id>/place with a gesture."""

from datetime import date, time

import pytest
from sqlalchemy import select

from tests.events.conftest import text_of
from visits.models import AuditEntry, Event, EventParticipant, ParticipantRole, Side, Visit
from visits.scheduling.timezones import to_local

DAY = date(2025, 4, 21)
JSON = {"Accept": "application/json"}


@pytest.fixture
def day(db, make_visit, make_event, cast):
    """Снесарь meets the akim at the akimat 10:00–11:00, then attends a ceremony at the
    concert hall 12:00–12:30 (a visit of 21–22 April 2025 in Almaty)."""
    visit = make_visit()
    meeting = make_event(visit, DAY, time(10), time(11), venue=cast.venues[0])
    ceremony = make_event(visit, DAY, time(12), time(12, 30), venue=cast.venues[1])
    for event in (meeting, ceremony):
        event.participants.append(
            EventParticipant(
                person=cast.people[1], role=ParticipantRole.GUEST, side=Side.GUEST, position=0
            )
        )
    db.session.commit()
    return visit, meeting, ceremony


def place(client, event, headers=JSON, **gesture):
    data = {"version_id": str(event.version_id), "day": DAY.isoformat(), "by": "person"}
    return client.post(f"/events/{event.id}/place", data=data | gesture, headers=headers)


def wall(db, event_id: int) -> tuple[str, str, int | None, int]:
    db.session.expire_all()
    event = db.session.get(Event, event_id)
    zone = event.visit.timezone
    starts, ends = to_local(event.starts_at, zone), to_local(event.ends_at, zone)
    return f"{starts:%d %H:%M}", f"{ends:%d %H:%M}", event.venue_id, event.sequence


def test_a_block_moved_onto_another_event_is_saved_and_the_warning_comes_back(
    staff_client, db, day
):
    visit, _, ceremony = day
    feed_before = visit.feed_version
    response = place(staff_client, ceremony, move="-77")  # 12:00 − 77 min → 10:43 → 10:45
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["ok"] and answer["event"] == ceremony.id
    assert "10:45–11:15" in answer["message"]
    assert wall(db, ceremony.id) == ("21 10:45", "21 11:15", ceremony.venue_id, 1)
    assert "is in two places at once" in answer["warnings"]
    assert answer["timeline"].count('class="block kind-meeting conflicting"') == 2
    assert f'data-event="{ceremony.id}"' in answer["timeline"]
    # The same trail as a saved form: an audit entry of the new version, a newer feed.
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == ceremony.id).order_by(AuditEntry.id.desc())
    ).first()
    assert entry.entity_type == "events" and "starts_at" in entry.changes
    assert db.session.get(Visit, visit.id).feed_version > feed_before

    back = place(staff_client, db.session.get(Event, ceremony.id), move="77")
    assert back.status_code == 200 and back.get_json()["warnings"].strip() == ""
    assert wall(db, ceremony.id)[:2] == ("21 12:00", "21 12:30")


def test_the_end_edge_dragged_changes_only_the_end(staff_client, db, day):
    _, _, ceremony = day
    response = place(staff_client, ceremony, stretch="21")
    assert response.status_code == 200
    assert wall(db, ceremony.id)[:2] == ("21 12:00", "21 12:50")


def test_a_block_dropped_in_another_venues_lane_changes_its_venue(staff_client, db, day, cast):
    _, _, ceremony = day
    akimat, hall = cast.venues
    shown = f"v{hall.id} v{akimat.id}"
    response = place(staff_client, ceremony, lane=f"v{akimat.id}", by="venue", shown=shown)
    assert response.status_code == 200
    assert wall(db, ceremony.id)[2] == akimat.id
    answer = response.get_json()
    assert "in Акимат" in answer["message"]
    # The hall's lane, empty now, is still drawn so that the block can be dragged back.
    assert f'data-lane="v{hall.id}"' in answer["timeline"]
    assert "is booked twice" not in answer["warnings"]  # 12:00 follows the 11:00 end


@pytest.mark.parametrize(
    ("gesture", "message"),
    [
        ({"stretch": "-45"}, "The event must end after it starts."),
        ({"move": str(2 * 24 * 60)}, "The event falls outside the dates of the visit."),
        ({"move": "-750"}, "The event falls outside the dates of the visit."),
        ({"lane": "v-", "by": "venue"}, "clear its venue in its form"),
        ({"lane": "v999999", "by": "venue"}, "That venue no longer exists."),
        ({"lane": "p3", "by": "venue"}, "Drop the event in a venue's lane."),
        ({"lane": f"v{2**40}", "by": "venue"}, "Drop the event in a venue's lane."),
    ],
)
def test_a_gesture_that_makes_no_valid_event_is_refused_and_changes_nothing(
    staff_client, db, day, gesture, message
):
    _, _, ceremony = day
    before = wall(db, ceremony.id)
    response = place(staff_client, ceremony, **gesture)
    assert response.status_code == 422
    answer = response.get_json()
    assert not answer["ok"] and message in answer["message"]
    assert wall(db, ceremony.id) == before


def test_a_move_into_the_next_day_of_the_visit_is_allowed(staff_client, db, day):
    _, _, ceremony = day
    assert place(staff_client, ceremony, move=str(24 * 60)).status_code == 200
    assert wall(db, ceremony.id)[:2] == ("22 12:00", "22 12:30")


def test_a_gesture_from_a_stale_page_is_refused_with_the_form_offered(staff_client, db, day):
    _, _, ceremony = day
    loaded = ceremony.version_id
    assert place(staff_client, ceremony, stretch="30").status_code == 200  # a colleague
    db.session.expire_all()
    data = {"version_id": str(loaded), "move": "60", "day": "2025-04-21"}
    response = staff_client.post(f"/events/{ceremony.id}/place", data=data, headers=JSON)
    assert response.status_code == 409
    answer = response.get_json()
    assert "after this page was loaded" in answer["message"]
    assert answer["form"]["url"] == f"/events/{ceremony.id}/edit"
    # The redrawn day carries the current version: the next gesture is not stale.
    assert f'data-version="{db.session.get(Event, ceremony.id).version_id}"' in answer["timeline"]
    assert wall(db, ceremony.id)[:2] == ("21 12:00", "21 13:00")


def test_without_script_the_answer_is_a_redirect_back_to_the_timeline(staff_client, db, day):
    visit, _, ceremony = day
    response = place(staff_client, ceremony, headers={"Accept": "text/html"}, move="60", by="venue")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/visits/{visit.id}/timeline?day=2025-04-21&by=venue"
    assert "is now at 13:00–13:30" in text_of(staff_client.get(response.headers["Location"]))

    refused = place(staff_client, db.session.get(Event, ceremony.id), headers={}, stretch="-60")
    assert refused.status_code == 302
    assert "must end after it starts" in text_of(staff_client.get(refused.headers["Location"]))


def test_unreadable_gestures_are_refused(staff_client, db, day):
    _, _, ceremony = day
    assert place(staff_client, ceremony, move="soon").status_code == 400
    assert place(staff_client, ceremony, move="99999").status_code == 400
    assert place(staff_client, ceremony, by="colour").status_code == 400
    assert wall(db, ceremony.id)[:2] == ("21 12:00", "21 12:30")


def test_viewers_cannot_place_and_see_no_movable_blocks(viewer_client, db, day):
    visit, _, ceremony = day
    assert place(viewer_client, ceremony, move="60").status_code == 403
    html = viewer_client.get(f"/visits/{visit.id}/timeline").get_data(as_text=True)
    assert "movable" not in html and "timeline.js" not in html and 'class="slot"' not in html


def test_editors_get_movable_blocks_lanes_to_click_and_the_script(staff_client, day, cast):
    visit, meeting, _ = day
    html = staff_client.get(f"/visits/{visit.id}/timeline?by=venue").get_data(as_text=True)
    assert f'data-place="/events/{meeting.id}/place"' in html
    assert 'src="/static/js/timeline.js" defer' in html
    slot = f"/events/new?day=2025-04-21&amp;venue={cast.venues[0].id}"
    assert f"/visits/{visit.id}{slot}" in html


def test_an_empty_slot_opens_the_new_event_form_at_its_time_and_venue(staff_client, day, cast):
    visit, *_ = day
    venue = cast.venues[1]
    url = f"/visits/{visit.id}/events/new?day=2025-04-22&start=15:35&venue={venue.id}"
    html = staff_client.get(url).get_data(as_text=True)
    assert 'value="2025-04-22"' in html and 'value="15:35"' in html and 'value="16:35"' in html
    assert f'<option selected value="{venue.id}">' in html
    for odd in ("start=25:99&venue=999999", f"venue={2**40}", "venue=-1"):
        assert staff_client.get(f"/visits/{visit.id}/events/new?{odd}").status_code == 200


def test_a_meeting_that_overruns_offers_to_shift_what_follows_it(staff_client, db, day):
    _, meeting, ceremony = day
    response = place(staff_client, meeting, stretch="20")
    offer = response.get_json()["form"]
    assert offer["text"] == "Shift the 1 event after it 20 min later too…"
    assert offer["url"] == f"/events/{ceremony.id}/shift-later?minutes=20"

    page = staff_client.get(offer["url"], headers={"Accept-Language": "en"})
    assert 'value="20"' in page.get_data(as_text=True)

    shorter = place(staff_client, db.session.get(Event, meeting.id), stretch="-30")
    assert shorter.get_json()["form"]["text"] == "Shift the 1 event after it 30 min earlier too…"


def test_a_block_that_keeps_its_end_offers_nothing_to_shift(staff_client, db, day):
    _, _, ceremony = day  # the last event of the day: nothing follows it
    answer = place(staff_client, ceremony, stretch="20").get_json()
    assert answer["ok"] and "form" not in answer
