"""Names and posts as a protocol service writes them, and the composition of the sides.

Pure: objects shaped like the models come in, strings and frozen dataclasses go out.

- A person is written with surname and initials: «Снесарь В. В.» in Russian and Kazakh,
  «V. V. Snesar» in English. Full names are stored as people give them, in either order
  («Виталий Владимирович Снесарь», «Снесарь Виталий Владимирович», «Нұрымбет
  Сақтағанов», «Сақтағанов Нұрымбет»); `split_name` finds the surname by the patronymic
  when there is one, else by the usual endings of surnames, else takes the last word
  (the order of English and of most stored names). A comma settles it: «Снесарь, Виталий».
- In the composition each person reads «name — post»: the post and, when the post does
  not already name it, the organization. A group (an ensemble) is its name.
- In an event's participants a person reads «Post Surname I. I.»: the post first, as
  protocol lists participants; a group is its name.
- The host side's officials are the people of the host organization who take part in the
  programme's events on the host side, the most senior first: by the best place they hold
  among an event's hosts, then by their first event.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PATRONYMIC_ENDINGS = (
    "ович", "евич", "ьич", "инич", "овна", "евна", "ична",
    "ұлы", "улы", "қызы", "кызы", "ovich", "evich", "ovna", "evna", "uly", "kyzy",
)  # fmt: skip
SURNAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына",
    "ский", "цкий", "ская", "цкая", "енко", "ұлы", "улы", "қызы", "кызы",
)  # fmt: skip
SURNAME_FIRST_LANGUAGES = ("ru", "kk")
NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class Member:
    """One line of a side's composition: «name — post»; a group has no post."""

    name: str
    post: str = ""
    is_group: bool = False


@dataclass(frozen=True)
class Composition:
    guests: tuple[Member, ...] = ()
    hosts: tuple[Member, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.guests or self.hosts)


def _text(value: Any, lang: str) -> str:
    return value.get(lang) if value else ""


def _ends(word: str, endings: tuple[str, ...]) -> bool:
    return word.lower().endswith(endings)


def split_name(full_name: str) -> tuple[str, list[str]]:
    """(surname, given names and patronymic) of a full name in any usual order."""
    if "," in full_name:
        surname, rest = full_name.split(",", 1)
        return surname.strip(), rest.split()
    words = full_name.split()
    if len(words) < 2:
        return full_name.strip(), []
    if len(words) >= 3:
        if _ends(words[1], PATRONYMIC_ENDINGS):  # Виталий Владимирович Снесарь
            return words[-1], words[:-1]
        if _ends(words[-1], PATRONYMIC_ENDINGS):  # Снесарь Виталий Владимирович
            return words[0], words[1:]
    if _ends(words[0], SURNAME_ENDINGS) and not _ends(words[-1], SURNAME_ENDINGS):
        return words[0], words[1:]  # Сақтағанов Нұрымбет
    return words[-1], words[:-1]


def _initial(word: str) -> str:
    """«В.» of «Виталий», «А.-М.» of «Анна-Мария»."""
    return "-".join(f"{part[0]}." for part in word.split("-") if part)


def short_name(full_name: str, lang: str) -> str:
    """Surname and initials in the order of the language: «Снесарь В. В.», «V. V. Snesar»."""
    surname, given = split_name(full_name)
    if not given:
        return surname
    initials = " ".join(_initial(word) for word in given)
    if lang in SURNAME_FIRST_LANGUAGES:
        return f"{surname} {initials}"
    return f"{initials} {surname}"


def _stems(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [word[: max(4, len(word) - 4)] for word in words if len(word) >= 3]


def names_organization(post: str, organization: str) -> bool:
    """The post already names the organization, in whatever case form: «заместитель
    председателя правительства Алтайского края» names «Правительство Алтайского края»."""
    words = re.findall(r"\w+", post.lower())
    return all(any(word.startswith(stem) for word in words) for stem in _stems(organization))


def post_of(person: Any, lang: str) -> str:
    """The person's post with their organization when the post does not name it."""
    post = _text(getattr(person, "position", None), lang)
    organization = getattr(person, "organization", None)
    name = _text(organization.name, lang) if organization is not None else ""
    if name and not names_organization(post, name):
        return f"{post}, {name}" if post else name
    return post


def _in_sentence(post: str, lang: str) -> str:
    """A Russian post after a dash starts lowercase («— заместитель акима»); a Kazakh post
    often starts with a proper name («Шығыс Қазақстан облысының әкімі») and stays as is;
    an abbreviation («ВКО») stays too."""
    if lang == "ru" and len(post) > 1 and post[0].isupper() and post[1].islower():
        return post[0].lower() + post[1:]
    return post


def member_line(member: Any, lang: str) -> Member:
    """A delegation member (or an event participant) as a line of the composition."""
    person = getattr(member, "person", None)
    if person is None:
        return Member(_text(member.display_name, lang), is_group=True)
    name = short_name(_text(person.full_name, lang), lang)
    return Member(name, _in_sentence(post_of(person, lang), lang))


def participant_label(participant: Any, lang: str) -> str:
    """An event's participant as protocol lists them: «Аким области Сактаганов Н.»."""
    person = getattr(participant, "person", None)
    if person is None:
        return _text(participant.display_name, lang)
    # No break inside «Снесарь В. В.»: a narrow column wraps between posts, not initials.
    name = short_name(_text(person.full_name, lang), lang).replace(" ", NO_BREAK)
    post = _text(getattr(person, "position", None), lang)
    return f"{post} {name}" if post else name


def host_officials(visit: Any, events: Iterable[Any]) -> list[Any]:
    """The host organization's people who take part in `events` on the host side, most
    senior first (their best place among an event's hosts, then their first event)."""
    host = getattr(visit, "host_organization", None)
    best: dict[int, tuple[int, int]] = {}  # person id: (best place, first event's order)
    people: dict[int, Any] = {}
    for n, event in enumerate(sorted(events, key=lambda e: (e.starts_at, e.id))):
        for participant in event.participants:
            person = getattr(participant, "person", None)
            if person is None or str(participant.side) != "host":
                continue
            if host is not None and person.organization_id != host.id:
                continue
            place, first = best.get(person.id, (participant.position, n))
            best[person.id] = (min(place, participant.position), first)
            people[person.id] = person
    return [people[pid] for pid in sorted(people, key=lambda pid: (best[pid], pid))]


def build_composition(visit: Any, events: Iterable[Any], lang: str) -> Composition:
    """The delegation in its order of precedence, and the host side's officials."""
    delegation = getattr(visit, "delegation", None)
    members = delegation.members if delegation is not None else []
    # The delegation keeps its members in this order; sorted again for lists that do not.
    ranked = sorted(members, key=lambda m: (getattr(m, "precedence", 0), getattr(m, "id", 0)))
    hosts = host_officials(visit, events)
    return Composition(
        guests=tuple(member_line(member, lang) for member in ranked),
        hosts=tuple(
            Member(short_name(_text(p.full_name, lang), lang), _in_sentence(post_of(p, lang), lang))
            for p in hosts
        ),
    )
