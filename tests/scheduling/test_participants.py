from types import SimpleNamespace as P

from visits.scheduling.participants import by_side


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
