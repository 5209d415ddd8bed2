"""The three-way merge of a form with a colleague's save: examples and properties."""

from hypothesis import given
from hypothesis import strategies as st

from visits.merging import merge

KEYS = ["title", "venue", "when", "participants"]
# Few values, so that the sides often agree by chance as well as differ.
VALUE = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]), st.lists(st.integers(0, 2)))
RECORD = st.fixed_dictionaries({key: VALUE for key in KEYS})


def test_a_colleague_changes_the_title_the_user_the_venue_both_stay():
    base = {"title": "Встреча", "venue": 1}
    mine = {"title": "Встреча", "venue": 2}
    theirs = {"title": "Встреча с акимом", "venue": 1}
    result = merge(base, mine, theirs)
    assert result.values == {"title": "Встреча с акимом", "venue": 2}
    assert result.taken == ("title",) and result.kept == ("venue",)
    assert result.is_clean


def test_both_change_the_title_differently_a_conflict_holding_the_users_value():
    result = merge(
        {"title": "A", "venue": 1}, {"title": "B", "venue": 1}, {"title": "C", "venue": 1}
    )
    assert result.conflicts == ("title",)
    assert result.values["title"] == "B"
    assert not result.is_clean


def test_both_change_a_field_the_same_way_no_conflict():
    result = merge({"title": "A"}, {"title": "B"}, {"title": "B"})
    assert result.values == {"title": "B"} and result.is_clean
    assert result.taken == result.kept == ()


def test_the_participants_merge_as_one_ordered_list():
    base = {"participants": [1, 2]}
    reordered = merge(base, {"participants": [2, 1]}, {"participants": [1, 2]})
    assert reordered.values["participants"] == [2, 1] and reordered.kept == ("participants",)
    both = merge(base, {"participants": [1, 2, 3]}, {"participants": [1]})
    assert both.conflicts == ("participants",)


def test_without_a_base_every_difference_is_a_conflict():
    result = merge(None, {"title": "B", "venue": 1}, {"title": "C", "venue": 1})
    assert result.conflicts == ("title",)
    assert result.values == {"title": "B", "venue": 1}


def test_a_field_missing_from_the_base_is_unknown():
    result = merge({"title": "A"}, {"title": "A", "notes": "x"}, {"title": "A", "notes": "y"})
    assert result.conflicts == ("notes",)


@given(RECORD, RECORD)
def test_a_form_left_as_loaded_takes_the_colleagues_version(base, theirs):
    result = merge(base, base, theirs)
    assert result.values == theirs and result.is_clean and result.kept == ()


@given(RECORD, RECORD)
def test_a_record_nobody_else_changed_keeps_the_users_values(base, mine):
    result = merge(base, mine, base)
    assert result.values == mine and result.is_clean and result.taken == ()


@given(RECORD, RECORD, RECORD)
def test_no_change_of_either_side_is_silently_lost(base, mine, theirs):
    result = merge(base, mine, theirs)
    for key in KEYS:
        if key in result.conflicts:
            assert mine[key] != base[key] and theirs[key] != base[key] and mine[key] != theirs[key]
            assert result.values[key] == mine[key]  # shown as typed until the user chooses
            continue
        if theirs[key] != base[key]:
            assert result.values[key] == theirs[key]
        if mine[key] != base[key]:
            assert result.values[key] == mine[key]
        assert result.values[key] in (mine[key], theirs[key])


@given(RECORD, RECORD, RECORD)
def test_the_merge_is_symmetric_but_for_whose_value_a_conflict_shows(base, mine, theirs):
    there, back = merge(base, mine, theirs), merge(base, theirs, mine)
    assert set(there.conflicts) == set(back.conflicts)
    assert set(there.taken) == set(back.kept) and set(there.kept) == set(back.taken)
    for key in KEYS:
        if key not in there.conflicts:
            assert there.values[key] == back.values[key]


@given(RECORD, RECORD, RECORD)
def test_every_field_is_in_at_most_one_outcome(base, mine, theirs):
    result = merge(base, mine, theirs)
    outcomes = [*result.taken, *result.kept, *result.conflicts]
    assert len(outcomes) == len(set(outcomes))
    assert set(result.values) == set(KEYS)


@given(RECORD, RECORD)
def test_without_a_base_the_conflicts_are_exactly_the_differences(mine, theirs):
    result = merge(None, mine, theirs)
    assert set(result.conflicts) == {key for key in KEYS if mine[key] != theirs[key]}
    assert result.values == mine
