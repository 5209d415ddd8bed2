"""What staff are told when a new password ends what the old one opened."""

from flask_babel import ngettext


def tokens_revoked(count: int) -> str:
    return ngettext(
        "%(num)d API token was revoked with the old password; issue a new one where it was used.",
        "%(num)d API tokens were revoked with the old password; issue new ones where they "
        "were used.",
        count,
    )
