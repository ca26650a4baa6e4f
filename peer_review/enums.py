"""The states and kinds of the Assessment and Cooperation Forum, as TextChoices."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CyclePhase(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("cycle phase", "Draft")
    IDENTIFICATION = "identification", _("Challenge identification")
    RECRUITMENT = "recruitment", _("Observer recruitment")
    ASSIGNMENT = "assignment", _("Assignment of observers")
    PREPARATION = "preparation", _("Preparation")
    ONSITE = "onsite", _("On-site meeting")
    REPORT_DRAFTING = "report_drafting", _("Report drafting")
    HOST_REVIEW = "host_review", _("Host review")
    PUBLISHED = "published", pgettext_lazy("cycle phase", "Published")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", pgettext_lazy("cycle phase", "Closed")

    @classmethod
    def order(cls) -> list[str]:
        return list(cls.values)

    @classmethod
    def index(cls, phase: str) -> int:
        return cls.order().index(phase)

    @classmethod
    def public(cls) -> list[str]:
        """The phases in which a cycle and its approved challenges are public: from recruitment on."""
        return cls.order()[cls.index(cls.RECRUITMENT) :]

    @classmethod
    def following(cls, phase: str) -> str | None:
        order = cls.order()
        position = order.index(phase)
        return order[position + 1] if position + 1 < len(order) else None


class HostRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    PARTNER = "partner", _("Partner")


class ChallengeState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("challenge state", "Draft")
    SUBMITTED = "submitted", _("Submitted to the experts")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", pgettext_lazy("challenge state", "Approved")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting decision")
    ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", pgettext_lazy("application", "Not accepted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")


class Availability(models.TextChoices):
    BOTH = "both", _("Online and on site")
    ONLINE = "online", _("Online only")
    ONSITE = "onsite", _("On site only")


class ConflictSource(models.TextChoices):
    ORGANISATION = "organisation", _("Own organisation")
    ASSOCIATION = "association", _("Own ZIT association")
    ASSOCIATION_MEMBER = "association_member", _("Member of the observer's ZIT association")
    DECLARED = "declared", _("Declared by the observer")
    COORDINATOR = "coordinator", _("Added by the coordinator")


class PairRuleKind(models.TextChoices):
    PIN = "pin", _("Always assign")
    FORBID = "forbid", _("Never assign")


class RunStatus(models.TextChoices):
    SOLVED = "solved", _("Solved")
    INFEASIBLE = "infeasible", _("Infeasible")


class MeetingKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Preparatory meeting (online)")
    ONSITE = "onsite", _("On-site meeting")


class AgendaItemKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    SESSION = "session", _("Session on a challenge")
    STUDY_VISIT = "study_visit", _("Study visit")
    BREAK = "break", _("Break")


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    PROBLEM = "problem", _("Problem or risk")
    PRACTICE = "practice", _("Good practice seen")
    RECOMMENDATION = "recommendation", pgettext_lazy("finding", "Recommendation")


class FindingState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("finding state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("finding state", "Submitted")


class SectionKind(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction")
    HOST = "host", _("Host")
    CHALLENGE = "challenge", _("Challenge")
    PARTICIPATION = "participation", _("Participation")
    ANNEX = "annex", _("Annex: participants")


class RevisionKind(models.TextChoices):
    ASSEMBLED = "assembled", _("Assembled from the cycle's data")
    EDITED = "edited", pgettext_lazy("revision", "Edited")
    MERGED = "merged", _("Merged after a conflict")
    RESTORED = "restored", _("Restored from an earlier revision")
    CONFLICT = "conflict", _("Not applied: based on an older version")


class HostReviewStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    APPROVED = "approved", pgettext_lazy("host review", "Approved")


class ResponseStatus(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("recommendation response", "Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("recommendation response", "Not accepted")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("action", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("action", "In progress")
    DONE = "done", pgettext_lazy("action", "Done")
    DROPPED = "dropped", pgettext_lazy("action", "Dropped")
