"""The data model: one module per aggregate, all imported here for Alembic."""

from visits.models.api_token import ApiToken
from visits.models.audit import AuditAction, AuditEntry, ChangeSet
from visits.models.delegation import Delegation, DelegationMember, MemberRole
from visits.models.event import (
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    ParticipantRole,
    Side,
    Visibility,
)
from visits.models.feed import Delivery, FeedScope, FeedToken
from visits.models.localized import LocalizedText
from visits.models.login_attempt import LoginAttempt
from visits.models.logistics import Direction, Movement, Stay, TravelMode, TravelTime
from visits.models.organization import Organization, OrganizationKind, Person
from visits.models.outbox import MessageKind, OutboxAttempt, OutboxMessage, OutboxStatus
from visits.models.participant_list import ParticipantList, ParticipantListEntry
from visits.models.pending_upload import PendingUpload
from visits.models.print_job import PrintJob, PrintKind, PrintState
from visits.models.revision import ProgrammeRevision
from visits.models.staff_session import StaffSession
from visits.models.user import Role, User
from visits.models.venue import Venue
from visits.models.visit import Visit, VisitStatus

__all__ = [
    "ApiToken",
    "AuditAction",
    "AuditEntry",
    "ChangeSet",
    "Delegation",
    "DelegationMember",
    "Delivery",
    "Direction",
    "Event",
    "EventKind",
    "EventParticipant",
    "EventStatus",
    "FeedScope",
    "FeedToken",
    "LocalizedText",
    "LoginAttempt",
    "MemberRole",
    "MessageKind",
    "Movement",
    "Organization",
    "OrganizationKind",
    "OutboxAttempt",
    "OutboxMessage",
    "OutboxStatus",
    "ParticipantList",
    "ParticipantListEntry",
    "ParticipantRole",
    "PendingUpload",
    "Person",
    "PrintJob",
    "PrintKind",
    "PrintState",
    "ProgrammeRevision",
    "Role",
    "Side",
    "StaffSession",
    "Stay",
    "TravelMode",
    "TravelTime",
    "User",
    "Venue",
    "Visibility",
    "Visit",
    "VisitStatus",
]
