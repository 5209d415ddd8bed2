"""Benchmark of conflict detection: 1,000 and 10,000 events, and how the time grows.

Run it as `python bench/conflicts.py`. The programme is made up but shaped like a busy
real one: six days in Asia/Almaty, events between 08:00 and 22:00 local, 15 to 180
minutes long, 1 to 6 people and now and then a group (ensemble) each, venues around
Ust-Kamenogorsk (some with a capacity, a few without coordinates, a few pairs with a
travel time set by staff), arrivals, departures and hotel stays. The pools of people,
groups and venues grow with the number of events, so that each person has about as many
events at either size: some things conflict, most do not.

Targets: 10,000 events in under 0.5 s, and 10k/1k under 15 (a sweep, not a pairwise scan).
"""

import gc
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as wall

from visits.scheduling.conflicts import Place, Presence, Slot, Stay, VisitFrame, detect
from visits.scheduling.timezones import to_utc

ZONE = "Asia/Almaty"
FIRST_DAY = date(2025, 4, 21)
DAYS = 6
CENTRE = (49.948, 82.628)  # Ust-Kamenogorsk
SIZES = (1_000, 10_000)
REPEATS = 5
GAPS_AFTER_MOVE = (0, 15, 15, 30, 30, 45, 60, 90)  # minutes between two events, planned by hand
GAPS_IN_PLACE = (0, 0, 15, 30)


@dataclass(frozen=True)
class Programme:
    slots: list[Slot]
    places: dict[int, Place]
    presences: list[Presence]
    stays: list[Stay]
    frame: VisitFrame
    travel_minutes: dict[tuple[int, int], int]


def make_programme(events: int, seed: int = 2025) -> Programme:
    """A made-up programme of `events` events, the same for the same arguments.

    Teams of 2 to 5 delegates follow a day's schedule one event after another (mostly at
    the same venue; moving, they mostly leave time to travel); officials and ensembles drop
    in on some events without looking at the rest of their day, which is where overlaps,
    hurried transfers and crowded halls come from.
    """
    rng = random.Random(seed * 100_003 + events)
    last_day = FIRST_DAY + timedelta(days=DAYS - 1)
    venues = max(5, events // 10)
    officials = max(5, events // 25)
    ensembles = max(2, events // 100)
    places = _venues(rng, venues)
    travel_minutes = {
        (rng.randint(1, venues), rng.randint(1, venues)): rng.randrange(5, 45, 5)
        for _ in range(venues // 2)
    }

    slots: list[Slot] = []
    next_person = officials + 1
    while len(slots) < events:
        team = frozenset(range(next_person, next_person + rng.randint(2, 5)))
        next_person += len(team)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if rng.random() < 0.01:  # now and then, a day outside the visit
            day = rng.choice((FIRST_DAY - timedelta(days=1), last_day + timedelta(days=1)))
        begins = rng.randrange(8 * 60, 10 * 60 + 1, 15)
        venue = rng.randint(1, venues)
        while len(slots) < events:
            minutes = rng.randrange(15, 181, 15)
            if begins + minutes > 22 * 60:
                break
            people = set(team)
            if rng.random() < 0.3:
                people.add(rng.randint(1, officials))
            groups = {rng.randint(1, ensembles)} if rng.random() < 0.1 else set()
            starts_at = to_utc(day, wall(begins // 60, begins % 60), ZONE)
            slots.append(
                Slot(
                    len(slots) + 1,
                    starts_at,
                    starts_at + timedelta(minutes=minutes),
                    venue if rng.random() < 0.95 else None,
                    frozenset(people),
                    frozenset(groups),
                    cancelled=rng.random() < 0.03,
                    attendance=rng.randrange(10, 200),
                )
            )
            moves = rng.random() < 0.4
            if moves:
                venue = rng.randint(1, venues)
            begins += minutes + rng.choice(GAPS_AFTER_MOVE if moves else GAPS_IN_PLACE)

    presences, stays = _arrivals(rng, range(1, next_person))
    frame = VisitFrame(FIRST_DAY, last_day, ZONE)
    return Programme(slots, places, presences, stays, frame, travel_minutes)


def _venues(rng: random.Random, venues: int) -> dict[int, Place]:
    """Venues around the city centre: 40 % with a capacity, 5 % without coordinates, one
    in ten a shared space (a square, a lobby) where events may overlap."""
    places = {}
    for venue in range(1, venues + 1):
        located = rng.random() > 0.05
        places[venue] = Place(
            venue,
            CENTRE[0] + rng.uniform(-0.03, 0.03) if located else None,
            CENTRE[1] + rng.uniform(-0.045, 0.045) if located else None,
            rng.randrange(100, 600, 10) if rng.random() < 0.4 else None,
            shared=rng.random() < 0.1,
        )
    return places


def _arrivals(rng: random.Random, people: range) -> tuple[list[Presence], list[Stay]]:
    """Most arrive in the morning of the first day and leave on the evening of the last;
    nine in ten have a hotel booking, and most bookings match."""
    presences, stays = [], []
    for person in people:
        arrives = 1 if rng.random() < 0.05 else 0
        departs = DAYS - (2 if rng.random() < 0.05 else 1)
        arrives_at = to_utc(FIRST_DAY + timedelta(days=arrives), wall(rng.randint(5, 7)), ZONE)
        departs_at = to_utc(FIRST_DAY + timedelta(days=departs), wall(22, 30), ZONE)
        presences.append(Presence(person, None, arrives_at, departs_at))
        luck = rng.random()
        if luck < 0.9:
            check_out = FIRST_DAY + timedelta(days=departs + (0 if luck < 0.85 else 1))
            stays.append(Stay(person, None, FIRST_DAY + timedelta(days=arrives), check_out))
    return presences, stays


def _detect(programme: Programme) -> list:
    return detect(
        programme.slots,
        programme.places,
        programme.presences,
        programme.stays,
        programme.frame,
        programme.travel_minutes,
    )


def time_detection(
    programme: Programme, repeats: int = REPEATS, collect_garbage: bool = False
) -> tuple[float, int]:
    """(best seconds over `repeats` runs, number of warnings found).

    As `timeit` does, the garbage collector is paused while the clock runs (unless
    `collect_garbage`): whether a full collection of the whole process happens to fall
    inside a run is luck, and would blur the growth from 1k to 10k events.
    """
    best = float("inf")
    found = 0
    was_enabled = gc.isenabled()
    for _ in range(repeats):
        gc.collect()
        if not collect_garbage:
            gc.disable()
        try:
            started = time.perf_counter()
            found = len(_detect(programme))
            best = min(best, time.perf_counter() - started)
        finally:
            if was_enabled:
                gc.enable()
    return best, found


def measure() -> dict[str, float]:
    """The figures: seconds and warnings at each size, the ratio of the two times, and
    the 10k time again with the garbage collector left running."""
    figures: dict[str, float] = {}
    for size in SIZES:
        programme = make_programme(size)
        seconds, found = time_detection(programme)
        label = f"{size // 1000}k"
        figures[f"events_{label}"] = float(size)
        figures[f"seconds_{label}"] = seconds
        figures[f"warnings_{label}"] = float(found)
        if size == SIZES[-1]:
            figures[f"seconds_{label}_gc"], _ = time_detection(programme, collect_garbage=True)
    figures["ratio_10k_1k"] = figures["seconds_10k"] / figures["seconds_1k"]
    return figures


def run() -> list[tuple[str, str]]:
    """Rows of (label, value), for a table that gathers every benchmark."""
    figures = measure()
    rows = []
    for size in SIZES:
        label = f"{size // 1000}k"
        rows.append(
            (
                f"conflicts: {size:,} events",
                f"{figures[f'seconds_{label}']:.3f} s, "
                f"{figures[f'warnings_{label}']:,.0f} warnings",
            )
        )
    rows.append(("conflicts: 10k/1k", f"{figures['ratio_10k_1k']:.1f}"))
    rows.append(("conflicts: 10,000 events, gc on", f"{figures['seconds_10k_gc']:.3f} s"))
    return rows


def main() -> None:
    figures = measure()
    print(f"{'events':>8}  {'seconds':>8}  {'warnings':>9}")
    for size in SIZES:
        label = f"{size // 1000}k"
        seconds = figures[f"seconds_{label}"]
        warnings = figures[f"warnings_{label}"]
        print(f"{size:>8,}  {seconds:>8.4f}  {warnings:>9,.0f}")
    print(f"ratio 10k/1k: {figures['ratio_10k_1k']:.1f}  (targets: 10k < 0.5 s, ratio < 15)")
    print(f"10,000 events with the garbage collector running: {figures['seconds_10k_gc']:.4f} s")


if __name__ == "__main__":
    main()
