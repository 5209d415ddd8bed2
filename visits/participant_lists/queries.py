"""Query builders for the saved group pages; each returns a Select."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from visits.models import ParticipantList, ParticipantListEntry
from visits.search import localized_columns, text_matches


def saved_group_list(term: str | None) -> Select[ParticipantList]:
    """Saved groups whose name (any language) matches, with who is in them."""
    return (
        select(ParticipantList)
        .where(text_matches(localized_columns(ParticipantList, "name"), term))
        .options(
            selectinload(ParticipantList.entries).options(
                selectinload(ParticipantListEntry.person),
                selectinload(ParticipantListEntry.organization),
            )
        )
        .order_by(localized_columns(ParticipantList, "name")[0], ParticipantList.id)
    )
