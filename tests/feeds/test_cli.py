"""`flask feeds create | list | revoke`, and `flask demo` printing the demo's links."""

import re

from sqlalchemy import select

from visits.models import FeedScope, FeedToken, Visit

LINK = re.compile(r"http://127\.0\.0\.1:5000/feeds/([A-Za-z0-9_-]+)\.ics")


def tokens(db) -> list[FeedToken]:
    db.session.expire_all()
    return list(db.session.scalars(select(FeedToken).order_by(FeedToken.id)))


def test_create_a_visit_feed_prints_its_addresses(runner, db, client, scene):
    visit = scene["visit"]
    result = runner.invoke(args=["feeds", "create", "--visit", str(visit.id)])
    assert result.exit_code == 0, result.output
    (token,) = tokens(db)
    assert (token.scope, token.visit_id, token.language) == (FeedScope.VISIT, visit.id, "ru")
    assert token.label == "Делегация"  # the delegation's name by default
    assert token.home_timezone == "Asia/Barnaul"  # the delegation's home zone
    assert f"http://127.0.0.1:5000/feeds/{token.token}.ics" in result.output
    assert f"http://127.0.0.1:5000/feeds/{token.token}\n" in result.output  # subscribe page
    assert LINK.search(result.output).group(1) == token.token
    assert client.get(f"/feeds/{token.token}.ics").status_code == 200


def test_create_person_and_venue_feeds_with_options(runner, db, scene):
    visit, person, venue = scene["visit"], scene["person"], scene["venue"]
    result = runner.invoke(
        args=[
            "feeds",
            "create",
            "--person",
            str(person.id),
            "--visit",
            str(visit.id),
            "--label",
            "Глава делегации",
            "--language",
            "en",
            "--reminder",
            "30",
        ]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=["feeds", "create", "--venue", str(venue.id), "--visit", str(visit.id)]
    )
    assert result.exit_code == 0, result.output
    person_feed, venue_feed = tokens(db)
    assert (person_feed.scope, person_feed.person_id, person_feed.label) == (
        FeedScope.PERSON,
        person.id,
        "Глава делегации",
    )
    assert (person_feed.language, person_feed.reminder_minutes) == ("en", 30)
    assert (venue_feed.scope, venue_feed.venue_id, venue_feed.label) == (
        FeedScope.VENUE,
        venue.id,
        "«Ертіс концерт»",
    )


def test_create_refuses_what_it_cannot_do_with_a_clear_message(runner, db, scene):
    visit, person = scene["visit"], scene["person"]
    cases = [
        (["--person", str(person.id)], "Give --visit ID"),
        (["--venue", "1"], "Give --visit ID"),
        ([], "Give --visit ID"),
        (["--visit", "999"], "There is no visit with id 999."),
        (["--visit", str(visit.id), "--person", "999"], "There is no person with id 999."),
        (["--visit", str(visit.id), "--venue", "999"], "There is no venue with id 999."),
        (["--visit", str(visit.id), "--person", str(person.id), "--venue", "1"], "not both"),
        (["--visit", str(visit.id), "--reminder", "2000"], "2000"),
        (["--visit", str(visit.id), "--language", "de"], "'de' is not one of"),
        (["--visit", str(visit.id), "--home-zone", "Mars/Base"], "Unknown time zone"),
        (["--visit", str(visit.id), "--label", " "], "Say whom the link is given to"),
    ]
    for args, message in cases:
        result = runner.invoke(args=["feeds", "create", *args])
        assert result.exit_code != 0, args
        assert message in result.output, (args, result.output)
    assert tokens(db) == []


def test_list_and_revoke(runner, db, client, scene, make_token):
    visit = scene["visit"]
    live = make_token(visit, label="Живая")
    gone = make_token(visit, label="Старая")
    assert runner.invoke(args=["feeds", "revoke", str(gone.id)]).exit_code == 0
    assert client.get(f"/feeds/{gone.token}.ics").status_code == 404
    result = runner.invoke(args=["feeds", "list", "--visit", str(visit.id)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{live.id}\tactive\tru\tpolled: never\tЖивая")
    assert lines[1].startswith(f"{gone.id}\trevoked ")
    assert f"/feeds/{live.token}.ics" in result.output
    assert gone.token not in result.output  # a dead link is not printed
    again = runner.invoke(args=["feeds", "revoke", str(gone.id)])
    assert again.exit_code == 0 and "already revoked" in again.output


def test_list_and_revoke_refuse_unknown_ids(runner, db, scene):
    result = runner.invoke(args=["feeds", "list", "--visit", "999"])
    assert result.exit_code != 0 and "There is no visit with id 999." in result.output
    result = runner.invoke(args=["feeds", "revoke", "999"])
    assert result.exit_code != 0 and "There is no feed with id 999." in result.output
    empty = runner.invoke(args=["feeds", "list", "--visit", str(scene["visit"].id)])
    assert empty.exit_code == 0 and "No calendar links" in empty.output


def test_demo_prints_the_same_working_links_each_time(runner, db, client):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    links = LINK.findall(first.output)
    assert len(links) == 2
    assert LINK.findall(second.output) == links
    visit_feed, person_feed = tokens(db)
    assert [visit_feed.token, person_feed.token] == links
    assert (visit_feed.scope, visit_feed.label, visit_feed.language) == (
        FeedScope.VISIT,
        "Делегация Алтайского края",
        "ru",
    )
    assert person_feed.scope is FeedScope.PERSON
    assert person_feed.person.full_name.ru == "Виталий Снесарь"
    assert person_feed.include_public is True
    assert "Делегация Алтайского края (visit" in first.output
    for secret in links:
        assert client.get(f"/feeds/{secret}.ics").status_code == 200
        assert client.get(f"/feeds/{secret}").status_code == 200
    # `--if-empty` on a database with the demo still prints its links.
    skipped = runner.invoke(args=["demo", "--if-empty"])
    assert skipped.exit_code == 0 and "not loaded" in skipped.output
    assert LINK.findall(skipped.output) == links
    assert len(db.session.scalars(select(Visit)).all()) == 1
    assert len(tokens(db)) == 2


def test_demo_if_empty_without_the_demo_visit_prints_no_links(runner, db, scene):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0 and "not loaded" in result.output
    assert LINK.findall(result.output) == []
    assert tokens(db) == []
