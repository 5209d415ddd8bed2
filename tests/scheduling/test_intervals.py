"""The sweeps under conflict detection, against pairwise scans."""

from hypothesis import given
from hypothesis import strategies as st

from visits.scheduling.intervals import (
    OPEN,
    Episode,
    Span,
    episodes_over,
    handovers,
    heavier,
    overlapping_pairs,
    uncovered,
)


def spans(*triples: tuple[int, int, int], weights: tuple[int, ...] = ()) -> list[Span]:
    made = [
        Span(i, start, end, weight=w)
        for (i, start, end), w in zip(triples, weights or (0,) * len(triples), strict=True)
    ]
    return sorted(made, key=Span.key)


def ids(pairs) -> list[tuple[int, ...]]:
    return [tuple(span.id for span in pair) for pair in pairs]


def test_touching_spans_do_not_overlap_and_nested_ones_do():
    assert ids(overlapping_pairs(spans((1, 0, 10), (2, 10, 20)))) == []
    assert ids(overlapping_pairs(spans((1, 0, 30), (2, 5, 10), (3, 20, 40)))) == [(1, 2), (1, 3)]


def test_one_comes_from_the_span_that_ended_last():
    assert ids(handovers(spans((1, 0, 30), (2, 5, 10), (3, 30, 40)))) == [(1, 3)]
    assert ids(handovers(spans((1, 0, 10), (2, 10, 20), (3, 25, 30)))) == [(1, 2), (2, 3)]
    assert ids(handovers(spans((1, 0, 10), (2, 5, 20)))) == []


def test_episodes_over_a_limit():
    found = episodes_over(spans((1, 0, 100), (2, 10, 20), (3, 50, 60), weights=(6, 5, 5)), 10)
    assert [(ids([e.spans])[0], e.start, e.end, e.peak) for e in found] == [
        ((1, 2), 10, 20, 11),
        ((1, 3), 50, 60, 11),
    ]
    assert episodes_over(spans((1, 0, 10), (2, 10, 20), weights=(10, 10)), 10) == []
    assert episodes_over([], 10) == []


def test_heavier_measures_each_span_alone():
    drawn = spans((1, 0, 100), (2, 10, 20), (3, 50, 60), weights=(6, 11, 10))
    found = heavier(drawn, 10)
    assert [(ids([e.spans])[0], e.start, e.end, e.peak) for e in found] == [((2,), 10, 20, 11)]


def test_uncovered_gives_the_window_overlapping_most_or_none():
    windows = [(0, 10), (20, 30)]
    assert uncovered(windows, 22, 28) is None
    assert uncovered(windows, 8, 25) == (20, 30)  # 5 against 2
    assert uncovered(windows, 5, 25) == (0, 10)  # 5 against 5: the first
    assert uncovered([(-OPEN, OPEN)], 5, 25) is None
    assert uncovered([], 5, 25) is None


span_lists = st.lists(
    st.tuples(st.integers(0, 100), st.integers(1, 40), st.integers(0, 9)), max_size=25
).map(
    lambda drawn: spans(
        *((i, s, s + n) for i, (s, n, _) in enumerate(drawn)), weights=tuple(w for _, _, w in drawn)
    )
)


@given(span_lists)
def test_overlapping_pairs_match_a_pairwise_scan(drawn):
    expected = [
        (a.id, b.id)
        for n, a in enumerate(drawn)
        for b in drawn[n + 1 :]
        if max(a.start, b.start) < min(a.end, b.end)
    ]
    assert sorted(ids(overlapping_pairs(drawn))) == sorted(expected)


@given(span_lists, st.integers(0, 30))
def test_episodes_match_the_load_at_every_moment(drawn, limit):
    def load(moment: int) -> int:
        return sum(s.weight for s in drawn if s.start <= moment < s.end)

    found = episodes_over(drawn, limit)
    moments = range(0, 141)
    assert {m for m in moments if load(m) > limit} == {
        m for e in found for m in range(e.start, e.end)
    }
    for episode in found:
        assert episode.peak == max(load(m) for m in range(episode.start, episode.end))
        assert {s.id for s in episode.spans} == {
            s.id for s in drawn if s.start < episode.end and episode.start < s.end
        }
        assert isinstance(episode, Episode)
