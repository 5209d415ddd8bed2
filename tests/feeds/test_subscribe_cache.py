"""The subscribe page is versioned like its feed: one query answers 304 or the kept page,
and whatever the page shows changes its ETag."""

from visits.feeds.serve import feed_cache
from visits.feeds.services import revoke_feed
from visits.models import FeedScope, LocalizedText


def _page(client, token, tag: str | None = None):
    headers = {"If-None-Match": f'"{tag}"'} if tag else {}
    return client.get(f"/feeds/{token.token}", headers=headers)


def test_a_browser_with_the_current_page_gets_304_for_one_query(
    client, scene, make_token, count_queries
):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    first = _page(client, token)
    tag = first.headers["ETag"].strip('"')
    assert first.status_code == 200 and tag
    with count_queries() as statements:
        again = _page(client, token, tag)
        kept = _page(client, token)
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == "private, no-cache"
    assert kept.status_code == 200 and kept.data == first.data  # from this worker's memory
    assert len(statements) == 2  # one version check each, nothing rendered


def test_what_the_page_shows_changes_its_etag(client, db, scene, make_token):
    token = make_token(scene["visit"], scope=FeedScope.PERSON, person_id=scene["person"].id)
    tags = [_page(client, token).headers["ETag"]]
    scene["meeting"].title = LocalizedText(ru="Встреча перенесена")
    db.session.commit()
    changed = _page(client, token, tags[0].strip('"'))
    assert changed.status_code == 200 and "Встреча перенесена" in changed.text
    tags.append(changed.headers["ETag"])
    token.home_timezone = "Asia/Tokyo"  # only the page shows it, not the feed
    db.session.commit()
    tags.append(_page(client, token).headers["ETag"])
    scene["person"].full_name = LocalizedText(ru="Виталий Иванович Снесарь")
    db.session.commit()
    renamed = _page(client, token)
    tags.append(renamed.headers["ETag"])
    assert "Виталий Иванович Снесарь" in renamed.text
    assert len(set(tags)) == len(tags)


def test_the_page_and_the_feed_of_a_link_have_their_own_etags(client, scene, make_token):
    token = make_token(scene["visit"])
    page = _page(client, token).headers["ETag"]
    assert page != client.get(f"/feeds/{token.token}.ics").headers["ETag"]
    assert len(feed_cache) == 2


def test_a_revoked_link_gets_404_even_with_the_old_etag(client, db, scene, make_token):
    token = make_token(scene["visit"])
    tag = _page(client, token).headers["ETag"].strip('"')
    revoke_feed(db.session, token)
    db.session.commit()
    assert _page(client, token, tag).status_code == 404
    assert _page(client, token).status_code == 404
