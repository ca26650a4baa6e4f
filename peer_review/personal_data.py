"""What the Forum holds about a person, for export and erasure (see zitnet.privacy)."""

from django.utils.translation import gettext_lazy as _

from zitnet.privacy.registry import PersonalDataSection

from .enums import FindingState
from .models import Attendance, ChallengeComment, DeclaredConflict, Finding, ObserverApplication


def _iso(value):
    return value.isoformat() if value else None


def export_peer_review(user) -> dict:
    applications = (
        ObserverApplication.objects.filter(user=user)
        .select_related("cycle", "organisation")
        .prefetch_related(
            "preferences__challenge", "expertise", "expertise_areas", "conflicts__host__organisation"
        )
    )
    return {
        "observer_applications": [
            {
                "cycle": a.cycle.title,
                "organisation": a.organisation.name,
                "motivation": a.motivation,
                "availability": a.availability,
                "status": a.status,
                "submitted_at": _iso(a.submitted_at),
                "decided_at": _iso(a.decided_at),
                "expertise": sorted(t.name for t in a.expertise.all()),
                "expertise_areas": sorted(t.code for t in a.expertise_areas.all()),
                "preferences": [p.challenge.title for p in a.preferences.all()],
                "declared_conflicts": [
                    {"host": c.host.organisation.name, "reason": c.reason, "source": c.source}
                    for c in a.conflicts.all()
                ],
            }
            for a in applications
        ],
        "challenge_comments": [
            {"challenge": c.challenge.title, "written": _iso(c.created_at), "kind": c.kind, "text": c.body}
            for c in ChallengeComment.objects.filter(author=user).select_related("challenge")
        ],
        "meetings": [
            {"meeting": a.meeting.title, "starts": _iso(a.meeting.starts_at), "attendance": a.status}
            for a in Attendance.objects.filter(user=user).select_related("meeting")
        ],
        "findings": [
            {
                "cycle": f.challenge.cycle.title,
                "challenge": f.challenge.title,
                "kind": f.kind,
                "state": f.state,
                "text": f.text,
                "practice": f.practice.title if f.practice else f.practice_title,
                "addressee": f.addressee,
                "time_frame": f.time_frame,
                "priority": f.priority,
                "created_at": _iso(f.created_at),
                "submitted_at": _iso(f.submitted_at),
            }
            for f in Finding.objects.filter(author=user).select_related("challenge__cycle", "practice")
        ],
    }


def erase_peer_review(user) -> None:
    # The application stays (the assignment and attendance totals of a cycle need it), without what the person
    # wrote about themselves; comments on challenges are the hosts' working record and stay, unattributed.
    applications = ObserverApplication.objects.filter(user=user)
    for application in applications:
        application.expertise.clear()
    DeclaredConflict.objects.filter(application__in=applications).update(reason="—")
    applications.update(motivation="—")
    ChallengeComment.objects.filter(author=user).update(author=None)
    # Submitted findings are part of the cycle's report and stay, attributed to the anonymised account;
    # drafts were never shared with anyone and go.
    Finding.objects.filter(author=user, state=FindingState.DRAFT).delete()


peer_review_section = PersonalDataSection(
    key="peer_review",
    description=_(
        "Observer applications, comments on challenges, meeting attendance and findings in the Forum"
    ),
    export=export_peer_review,
    erase=erase_peer_review,
)
