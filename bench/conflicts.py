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


@dataclass(frozen=True)
class Programme:
    slots: list[Slot]
    places: dict[int, Place]
    presences: list[Presence]
    stays: list[Stay]
    frame: VisitFrame
    travel_minutes: dict[tuple[int, int], int]


def make_programme(events: int, seed: int = 2025) -> Programme:
    """A made-up programme of `events` events, the same for the same arguments."""
    rng = random.Random(seed * 100_003 + events)
    people = max(10, events // 2)
    groups = max(3, events // 25)
    venues = max(5, events // 20)
    last_day = FIRST_DAY + timedelta(days=DAYS - 1)

    places: dict[int, Place] = {}
    for venue in range(1, venues + 1):
        located = rng.random() > 0.05
        places[venue] = Place(
            venue,
            CENTRE[0] + rng.uniform(-0.06, 0.06) if located else None,
            CENTRE[1] + rng.uniform(-0.09, 0.09) if located else None,
            rng.randrange(80, 600, 10) if rng.random() < 0.4 else None,
        )
    travel_minutes = {
        (rng.randint(1, venues), rng.randint(1, venues)): rng.randrange(5, 45, 5)
        for _ in range(venues // 2)
    }

    slots = []
    for event_id in range(1, events + 1):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if rng.random() < 0.005:  # now and then, an event on a day outside the visit
            day = rng.choice((FIRST_DAY - timedelta(days=1), last_day + timedelta(days=1)))
        minutes = rng.randrange(15, 181, 15)
        begins = rng.randrange(8 * 60, 22 * 60 - minutes + 1, 15)
        starts_at = to_utc(day, wall(begins // 60, begins % 60), ZONE)
        slots.append(
            Slot(
                event_id,
                starts_at,
                starts_at + timedelta(minutes=minutes),
                rng.randint(1, venues) if rng.random() < 0.9 else None,
                frozenset(rng.sample(range(1, people + 1), rng.randint(1, 6))),
                frozenset(rng.sample(range(1, groups + 1), rng.choice((0, 0, 1, 1, 2)))),
                cancelled=rng.random() < 0.03,
                attendance=rng.randrange(10, 250),
            )
        )

    presences, stays = [], []
    for person in range(1, people + 1):
        arrives = rng.choice((0, 0, 0, 1))
        departs = DAYS - 1 - rng.choice((0, 0, 0, 1))
        arrives_at = to_utc(FIRST_DAY + timedelta(days=arrives), wall(rng.randint(6, 12)), ZONE)
        departs_at = to_utc(FIRST_DAY + timedelta(days=departs), wall(rng.randint(20, 23)), ZONE)
        presences.append(Presence(person, None, arrives_at, departs_at))
        luck = rng.random()
        if luck < 0.9:
            check_out = FIRST_DAY + timedelta(days=departs + (1 if luck < 0.85 else 0))
            stays.append(Stay(person, None, FIRST_DAY + timedelta(days=arrives), check_out))
    frame = VisitFrame(FIRST_DAY, last_day, ZONE)
    return Programme(slots, places, presences, stays, frame, travel_minutes)


def _detect(programme: Programme) -> list:
    return detect(
        programme.slots,
        programme.places,
        programme.presences,
        programme.stays,
        programme.frame,
        programme.travel_minutes,
    )


def time_detection(programme: Programme, repeats: int = REPEATS) -> tuple[float, int]:
    """(best seconds over `repeats` runs, number of warnings found)."""
    best = float("inf")
    found = 0
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        found = len(_detect(programme))
        best = min(best, time.perf_counter() - started)
    return best, found


def measure() -> dict[str, float]:
    """The figures: seconds and warnings at each size, and the ratio of the two times."""
    figures: dict[str, float] = {}
    for size in SIZES:
        seconds, found = time_detection(make_programme(size))
        label = f"{size // 1000}k"
        figures[f"events_{label}"] = float(size)
        figures[f"seconds_{label}"] = seconds
        figures[f"warnings_{label}"] = float(found)
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


if __name__ == "__main__":
    main()
