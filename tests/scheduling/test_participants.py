from types import SimpleNamespace as P

from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.participants import by_side, in_precedence


def test_hosts_come_first_then_guests_each_by_position():
    people = [
        P(id=1, side="guest", position=2, name="g2"),
        P(id=2, side="host", position=2, name="h2"),
        P(id=3, side="guest", position=1, name="g1"),
        P(id=4, side="host", position=1, name="h1"),
    ]
    grouped = by_side(people)
    assert [(side, [p.name for p in group]) for side, group in grouped] == [
        ("host", ["h1", "h2"]),
        ("guest", ["g1", "g2"]),
    ]


def test_a_side_with_nobody_is_left_out():
    assert [side for side, _ in by_side([P(id=1, side="guest", position=1)])] == ["guest"]
    assert by_side([]) == []


# --- in_precedence: where a member of the delegation lands among the rows -----------------

RANKS = {"head": 1, "deputy": 2, "soloist": 3, "interpreter": 4}


def placed(listed, added):
    return in_precedence(listed, added, RANKS.get)


def test_members_added_to_no_rows_come_in_precedence_order():
    assert placed([], ["head", "deputy", "soloist"]) == ["head", "deputy", "soloist"]


def test_a_member_lands_between_the_members_ranked_around_it():
    assert placed(["host", "head", "soloist"], ["deputy"]) == ["host", "head", "deputy", "soloist"]


def test_a_member_ranked_after_all_listed_members_goes_after_the_last_of_them():
    assert placed(["head", "akim"], ["interpreter"]) == ["head", "interpreter", "akim"]


def test_someone_outside_the_delegation_goes_at_the_end():
    assert placed(["soloist", "head"], ["akim"]) == ["soloist", "head", "akim"]


def test_an_order_the_user_chose_is_kept():
    # The user put the soloist before the head; the deputy goes before the first row
    # ranked after it, and the two rows already listed do not move.
    assert placed(["soloist", "head"], ["deputy"]) == ["deputy", "soloist", "head"]


names = st.sampled_from([*RANKS, "akim", "host", "guest"])


@given(st.lists(names, unique=True), st.lists(names, unique=True))
def test_rows_listed_keep_their_order_and_nobody_is_lost(listed, added):
    added = [name for name in added if name not in listed]
    result = placed(listed, added)
    assert sorted(result) == sorted(listed + added)
    assert [name for name in result if name in listed] == listed


@given(st.permutations(list(RANKS)))
def test_members_added_one_by_one_to_no_rows_end_in_precedence_order(members):
    rows: list[str] = []
    for member in members:
        rows = placed(rows, [member])
    assert rows == sorted(RANKS, key=RANKS.get)
