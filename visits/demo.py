"""The demo visit: Altai Krai in Ust-Kamenogorsk on 21 April 2025, as the news told it.

Source: Malim.kz, 21.04.2025, «ВКО и Алтайский край наращивают сотрудничество в сферах
туризма, культуры, спорта и промышленности». Only what the report gives is loaded; the times
of day and the venue addresses are not in it and are marked as such.

Every row is looked up by a stable natural key and created only when missing; a row that
exists is left as it is, so loading twice changes nothing.
"""

from datetime import date, time
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, inspect, select
from sqlalchemy.orm import Session

from visits.models import (
    Delegation,
    DelegationMember,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    FeedScope,
    FeedToken,
    MemberRole,
    Organization,
    ParticipantRole,
    Person,
    Side,
    Venue,
    Visibility,
    Visit,
    VisitStatus,
)
from visits.models import LocalizedText as T
from visits.models import OrganizationKind as Kind
from visits.scheduling.timezones import to_utc

M = TypeVar("M")
Who = Person | Organization

DAY = date(2025, 4, 21)
ZONE = "Asia/Almaty"
CITY = T("Усть-Каменогорск", "Өскемен", "Ust-Kamenogorsk")
TIME_ASSUMED = T(
    ru="Время в сообщении не указано; принято условно.",
    en="The time is not given in the report; assumed.",
)
ADDRESS_UNKNOWN = "Адрес и координаты в сообщении не указаны; требуют уточнения."

# Names as (ru, kk, en); kk or en is None where no variant is known for sure.
AKIMAT = T(
    "Акимат Восточно-Казахстанской области",
    "Шығыс Қазақстан облысының әкімдігі",
    "Akimat of East Kazakhstan Region",
)
ALTAI_GOVERNMENT = T(
    "Правительство Алтайского края", "Алтай өлкесінің үкіметі", "Government of Altai Krai"
)
ORCHESTRA = T(
    "Алтайский государственный оркестр русских народных инструментов «Сибирь» им. Е.И. Борисова",
    "Е. И. Борисов атындағы «Сибирь» Алтай мемлекеттік орыс халық аспаптары оркестрі",
    "Altai State Orchestra of Russian Folk Instruments «Sibir» named after E. I. Borisov",
)
ENSEMBLE = T(
    "Государственный молодежный ансамбль песни и танца «Алтай» им. А.Ф. Березикова",
    "А. Ф. Березиков атындағы «Алтай» мемлекеттік жастар ән және би ансамблі",
    "State Youth Song and Dance Ensemble «Altai» named after A. F. Berezikov",
)
SOLOISTS = T(
    "Артисты-солисты из Казахстана", "Қазақстандық әртіс-солистер", "Soloists from Kazakhstan"
)
MEMORIAL = T(
    "Мемориальный комплекс погибших воинов и героев ВОВ «Победа»",
    "Ұлы Отан соғысында қаза тапқан жауынгерлер мен батырларға арналған «Жеңіс» мемориалдық кешені",
    "Memorial complex to the fallen soldiers and heroes of the Great Patriotic War «Pobeda»",
)
CONCERT_HALL = T("«Ертіс концерт»", "«Ертіс концерт»", "«Yertis Concert»")
DELEGATION = T("Делегация Алтайского края", "Алтай өлкесінің делегациясы", "Altai Krai delegation")
TITLE = T(
    "Визит делегации Алтайского края в Восточно-Казахстанскую область",
    "Алтай өлкесі делегациясының Шығыс Қазақстан облысына сапары",
    "Visit of the Altai Krai delegation to East Kazakhstan Region",
)

MEETING_TEXT = (
    "Участников делегации приняли в областном акимате. Обсуждены вопросы сотрудничества и "
    "приоритетные направления взаимодействия: промышленность, туризм, культура и спорт. "
    "Заместитель акима ВКО Ербол Нургалиев: «Мы сотрудничаем с семи регионами Российской "
    "Федерации. Но с Алтайским краем у нас особенные отношения, потому что исторически и "
    "географически мы очень тесно связаны». Виталий Снесарь поблагодарил за гостеприимство "
    "и выразил готовность сотрудничать во всех упомянутых сферах. Алтайский край завершает "
    "председательство в Международном координационном совете «Наш общий дом — Алтай» "
    "(Россия, Монголия, Китай, Казахстан) и был бы рад видеть Восточно-Казахстанскую область "
    "преемником на этом посту."
)
CEREMONY_TEXT = (
    "Члены делегации приняли участие в церемонии возложения цветов к мемориальному комплексу "
    "погибших воинов и героев ВОВ «Победа»."
)
CONCERT_TEXT = (
    "Вечерняя концертная программа на сцене «Ертіс концерт». Участвуют Алтайский "
    "государственный оркестр русских народных инструментов «Сибирь» им. Е.И. Борисова и "
    "Государственный молодежный ансамбль песни и танца «Алтай» им. А.Ф. Березикова с "
    "участием артистов-солистов из Казахстана."
)


def _ensure(session: Session, model: type[M], where: list[ColumnElement[bool]], **values: Any) -> M:
    """The row of `model` matching `where`, else a new one made of `values` (flushed)."""
    found = session.scalar(select(model).where(*where))
    if found is not None:
        return found
    row = model(**values)
    session.add(row)
    session.flush()
    return row


def _named(session: Session, model: type[M], field: str, name: T, **values: Any) -> M:
    """A row found by the Russian variant of its localized `field` (its natural key)."""
    ru_column = inspect(model).columns[f"{field}_ru"]
    return _ensure(session, model, [ru_column == name.ru], **{field: name}, **values)


def _member(
    session: Session, delegation: Delegation, who: Who, role: MemberRole, precedence: int
) -> None:
    is_person = isinstance(who, Person)
    column = DelegationMember.person_id if is_person else DelegationMember.organization_id
    _ensure(
        session,
        DelegationMember,
        [DelegationMember.delegation_id == delegation.id, column == who.id],
        delegation_id=delegation.id,
        person_id=who.id if is_person else None,
        organization_id=None if is_person else who.id,
        role=role,
        precedence=precedence,
    )


def _event(
    session: Session, visit: Visit, uid: str, hours: tuple[time, time], **values: Any
) -> Event:
    starts, ends = (to_utc(DAY, hour, ZONE) for hour in hours)
    return _ensure(
        session,
        Event,
        [Event.uid == uid],
        visit_id=visit.id,
        uid=uid,
        starts_at=starts,
        ends_at=ends,
        status=EventStatus.CONFIRMED,
        notes=TIME_ASSUMED,
        **values,
    )


def _side(
    session: Session, event: Event, side: Side, cast: list[tuple[Who, ParticipantRole]]
) -> None:
    """The people or groups of one side of an event, numbered from 1 in the given order."""
    for position, (who, role) in enumerate(cast, start=1):
        is_person = isinstance(who, Person)
        column = EventParticipant.person_id if is_person else EventParticipant.organization_id
        where = [EventParticipant.event_id == event.id, EventParticipant.side == side]
        _ensure(
            session,
            EventParticipant,
            [*where, column == who.id],
            event_id=event.id,
            person_id=who.id if is_person else None,
            organization_id=None if is_person else who.id,
            role=role,
            side=side,
            position=position,
        )


def load_demo(session: Session) -> Visit:
    """Load (or find) the demo visit and everything it refers to; the caller commits."""
    akimat = _named(session, Organization, "name", AKIMAT, kind=Kind.GOVERNMENT, country="KZ")
    altai = _named(
        session, Organization, "name", ALTAI_GOVERNMENT, kind=Kind.GOVERNMENT, country="RU"
    )
    orchestra = _named(session, Organization, "name", ORCHESTRA, kind=Kind.ENSEMBLE, country="RU")
    ensemble = _named(session, Organization, "name", ENSEMBLE, kind=Kind.ENSEMBLE, country="RU")
    soloists = _named(
        session,
        Organization,
        "name",
        SOLOISTS,
        kind=Kind.GROUP,
        country="KZ",
        notes="Имена солистов в сообщении не названы.",
    )

    snesar = _named(
        session,
        Person,
        "full_name",
        T("Виталий Снесарь", "Виталий Снесарь", "Vitaly Snesar"),
        organization=altai,
        position=T(
            "Заместитель председателя правительства Алтайского края",
            "Алтай өлкесі үкіметі төрағасының орынбасары",
            "Deputy Chairman of the Government of Altai Krai",
        ),
    )
    saktaganov = _named(
        session,
        Person,
        "full_name",
        T("Нурымбет Сактаганов", "Нұрымбет Сақтағанов", "Nurymbet Saktaganov"),
        organization=akimat,
        position=T(
            "Аким Восточно-Казахстанской области",
            "Шығыс Қазақстан облысының әкімі",
            "Akim of East Kazakhstan Region",
        ),
    )
    nurgaliev = _named(
        session,
        Person,
        "full_name",
        T("Ербол Нургалиев", "Ербол Нұрғалиев", "Yerbol Nurgaliev"),
        organization=akimat,
        position=T(
            "Заместитель акима Восточно-Казахстанской области",
            "Шығыс Қазақстан облысы әкімінің орынбасары",
            "Deputy Akim of East Kazakhstan Region",
        ),
    )

    delegation = _named(
        session,
        Delegation,
        "name",
        DELEGATION,
        origin_country="RU",
        origin_region=T("Алтайский край", "Алтай өлкесі", "Altai Krai"),
        home_timezone="Asia/Barnaul",
    )
    _member(session, delegation, snesar, MemberRole.HEAD, 1)
    _member(session, delegation, orchestra, MemberRole.PERFORMER, 2)
    _member(session, delegation, ensemble, MemberRole.PERFORMER, 3)

    visit = _ensure(
        session,
        Visit,
        [inspect(Visit).columns["title_ru"] == TITLE.ru, Visit.start_date == DAY],
        title=TITLE,
        delegation=delegation,
        host_organization=akimat,
        city=CITY,
        timezone=ZONE,
        start_date=DAY,
        end_date=DAY,
        status=VisitStatus.COMPLETED,
        occasion=T(
            ru="Международный гастрольный проект «Во все века», посвящённый 80-летию Победы",
            en="International touring project «Vo vse veka» for the 80th anniversary of Victory",
        ),
        purpose=T(
            ru="Сотрудничество и приоритетные направления межрегионального взаимодействия "
            "Восточно-Казахстанской области и Алтайского края.",
            en="Cooperation and priority directions of interregional interaction between "
            "East Kazakhstan Region and Altai Krai.",
        ),
        topics=T(
            "промышленность, туризм, культура, спорт",
            "өнеркәсіп, туризм, мәдениет, спорт",
            "industry, tourism, culture, sport",
        ),
    )

    notes = {"city": CITY, "notes": ADDRESS_UNKNOWN}
    akimat_hall = _named(session, Venue, "name", AKIMAT, **notes)
    memorial = _named(session, Venue, "name", MEMORIAL, **notes)
    concert_hall = _named(session, Venue, "name", CONCERT_HALL, **notes)

    meeting = _event(
        session,
        visit,
        "demo-2025-04-21-meeting@visits",
        (time(10, 0), time(11, 30)),
        kind=EventKind.MEETING,
        title=T(
            ru="Встреча с акимом Восточно-Казахстанской области Нурымбетом Сактагановым",
            en="Meeting with Nurymbet Saktaganov, Akim of East Kazakhstan Region",
        ),
        description=T(MEETING_TEXT),
        venue_id=akimat_hall.id,
        visibility=Visibility.DELEGATION,
    )
    hosts = [(saktaganov, ParticipantRole.HOST), (nurgaliev, ParticipantRole.SPEAKER)]
    _side(session, meeting, Side.HOST, hosts)
    _side(session, meeting, Side.GUEST, [(snesar, ParticipantRole.SPEAKER)])

    ceremony = _event(
        session,
        visit,
        "demo-2025-04-21-ceremony@visits",
        (time(12, 0), time(12, 45)),
        kind=EventKind.CEREMONY,
        title=T(
            ru="Церемония возложения цветов к мемориальному комплексу «Победа»",
            en="Flower-laying ceremony at the memorial complex «Pobeda»",
        ),
        description=T(CEREMONY_TEXT),
        venue_id=memorial.id,
        visibility=Visibility.PUBLIC,
    )
    _side(session, ceremony, Side.GUEST, [(snesar, ParticipantRole.GUEST)])

    concert = _event(
        session,
        visit,
        "demo-2025-04-21-concert@visits",
        (time(19, 0), time(21, 0)),
        kind=EventKind.CONCERT,
        title=T(ru="Концертная программа «Во все века»", en="Concert programme «Vo vse veka»"),
        description=T(CONCERT_TEXT),
        venue_id=concert_hall.id,
        visibility=Visibility.PUBLIC,
    )
    performers = [(orchestra, ParticipantRole.PERFORMER), (ensemble, ParticipantRole.PERFORMER)]
    _side(session, concert, Side.GUEST, performers)
    _side(session, concert, Side.HOST, [(soloists, ParticipantRole.PERFORMER)])
    return visit


def demo_feed_tokens(session: Session, visit: Visit) -> list[FeedToken]:
    """The demo's calendar links: the delegation's feed of the visit and Vitaly Snesar's own
    programme (with the public events), in Russian. Found by label, created only when
    missing: the secret is random, so loading again must not make new ones."""
    snesar = _named(
        session, Person, "full_name", T("Виталий Снесарь", "Виталий Снесарь", "Vitaly Snesar")
    )
    live = [FeedToken.visit_id == visit.id, FeedToken.revoked_at.is_(None)]
    common = {"visit_id": visit.id, "language": "ru", "home_timezone": "Asia/Barnaul"}
    delegation_feed = _ensure(
        session,
        FeedToken,
        [*live, FeedToken.scope == FeedScope.VISIT, FeedToken.label == DELEGATION.ru],
        scope=FeedScope.VISIT,
        label=DELEGATION.ru,
        **common,
    )
    person_feed = _ensure(
        session,
        FeedToken,
        [*live, FeedToken.person_id == snesar.id, FeedToken.label == snesar.full_name.ru],
        scope=FeedScope.PERSON,
        person_id=snesar.id,
        label=snesar.full_name.ru,
        include_public=True,
        **common,
    )
    return [delegation_feed, person_feed]
