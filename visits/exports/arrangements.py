"""Where the delegation stays and whom the organizers call, for the printed programme.

Pure: stays, the visit and its events (objects shaped like the models) come in, frozen
dataclasses go out.

- Accommodation: each hotel stay, the hotel with its address and the dates, and whose it
  is (a member's, or the whole delegation's); a person's programme has their own stays,
  their group's and the whole delegation's when they are a member (as their feed does,
  see feeds.travel). The working copy adds the stay's notes.
- Contacts, in the working copy only: the liaison officer first, then the staff
  responsible for the events shown, each once, with phone and e-mail.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from visits.exports.composition import short_name


@dataclass(frozen=True)
class StayLine:
    hotel: str
    address: str
    check_in: date
    check_out: date
    who: str
    notes: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    post: str
    phone: str
    email: str
    is_liaison: bool = False


def _text(value: Any, lang: str) -> str:
    return value.get(lang) if value else ""


def stay_lines(
    stays: Iterable[Any],
    lang: str,
    whole_delegation: str,
    working: bool,
    concerns: Callable[[Any], bool] = lambda stay: True,
) -> tuple[StayLine, ...]:
    """The stays `concerns` keeps, by check-in, in the reader's language."""
    lines = []
    for stay in sorted(stays, key=lambda s: (s.check_in, s.id)):
        if not concerns(stay):
            continue
        member = stay.member
        who = _text(member.display_name, lang) if member is not None else whole_delegation
        if member is not None and getattr(member, "person", None) is not None:
            who = short_name(_text(member.person.full_name, lang), lang)
        lines.append(
            StayLine(
                hotel=_text(stay.hotel.name, lang),
                address=_text(stay.hotel.address, lang),
                check_in=stay.check_in,
                check_out=stay.check_out,
                who=who,
                notes=(stay.notes or "") if working else "",
            )
        )
    return tuple(lines)


def _contact(person: Any, lang: str, is_liaison: bool = False) -> Contact:
    return Contact(
        name=short_name(_text(person.full_name, lang), lang),
        post=_text(getattr(person, "position", None), lang),
        phone=getattr(person, "phone", None) or "",
        email=getattr(person, "email", None) or "",
        is_liaison=is_liaison,
    )


def contacts(visit: Any, events: Sequence[Any], lang: str) -> tuple[Contact, ...]:
    """The liaison officer, then each responsible person of `events` once, in the order
    of their first event."""
    found: list[Contact] = []
    seen: set[int] = set()
    liaison = getattr(visit, "liaison_officer", None)
    if liaison is not None:
        found.append(_contact(liaison, lang, is_liaison=True))
        seen.add(liaison.id)
    for event in sorted(events, key=lambda e: (e.starts_at, e.id)):
        person = getattr(event, "responsible", None)
        if person is not None and person.id not in seen:
            seen.add(person.id)
            found.append(_contact(person, lang))
    return tuple(found)
