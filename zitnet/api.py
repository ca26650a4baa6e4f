"""/api/v1/: every app's endpoints and the OpenAPI schema."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import SimpleRouter

from forum.api import PostViewSet as ForumPostViewSet
from forum.api import SpaceViewSet as ForumSpaceViewSet
from forum.api import ThreadViewSet as ForumThreadViewSet
from knowledge.api import PracticeViewSet
from knowledge.handbook_api import HandbookChapterViewSet
from peer_review.api import ApplicationViewSet, ChallengeViewSet, CycleViewSet, RunViewSet
from peer_review.api_findings import FindingViewSet, RecommendationViewSet
from peer_review.api_followup import FollowUpViewSet
from peer_review.api_report import ReportSectionViewSet
from zitnet.accounts.api import MeView
from zitnet.directory.api import OrganisationViewSet, ServiceViewSet
from zitnet.events.api import EventFeedView, EventViewSet, MyRegistrationsView

app_name = "api"


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def root(request, format=None):  # noqa: A002 - DRF's name
    """The index of the API."""
    return Response(
        {
            "me": reverse("api:me", request=request),
            "organisations": reverse("api:organisation-list", request=request),
            "services": reverse("api:service-list", request=request),
            "practices": reverse("api:practice-list", request=request),
            "handbook_chapters": reverse("api:handbook-chapter-list", request=request),
            "cycles": reverse("api:cycle-list", request=request),
            "events": reverse("api:event-list", request=request),
            "forum_spaces": reverse("api:forum-space-list", request=request),
            "forum_threads": reverse("api:forum-thread-list", request=request),
            "events_feed": reverse("api:event-feed", request=request),
            "my_registrations": reverse("api:my-registrations", request=request),
            "search": reverse("search_api:search", request=request),
            "schema": reverse("api:schema", request=request),
        }
    )


router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("services", ServiceViewSet, basename="service")
router.register("handbook/chapters", HandbookChapterViewSet, basename="handbook-chapter")
router.register("practices", PracticeViewSet, basename="practice")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("events", EventViewSet, basename="event")
router.register("forum/spaces", ForumSpaceViewSet, basename="forum-space")
router.register("forum/threads", ForumThreadViewSet, basename="forum-thread")
router.register("forum/posts", ForumPostViewSet, basename="forum-post")
router.register(r"cycles/(?P<slug>[-\w]+)/challenges", ChallengeViewSet, basename="cycle-challenge")
router.register(r"cycles/(?P<slug>[-\w]+)/applications", ApplicationViewSet, basename="cycle-application")
router.register(r"cycles/(?P<slug>[-\w]+)/runs", RunViewSet, basename="cycle-run")
router.register(r"cycles/(?P<slug>[-\w]+)/findings", FindingViewSet, basename="cycle-finding")
router.register(
    r"cycles/(?P<slug>[-\w]+)/recommendations", RecommendationViewSet, basename="cycle-recommendation"
)
router.register(r"cycles/(?P<slug>[-\w]+)/followup", FollowUpViewSet, basename="cycle-followup")
router.register(
    r"cycles/(?P<slug>[-\w]+)/report/sections", ReportSectionViewSet, basename="cycle-report-section"
)

urlpatterns = [
    path("", root, name="root"),
    path("me/", MeView.as_view(), name="me"),
    path("me/registrations/", MyRegistrationsView.as_view(), name="my-registrations"),
    path("events/feed.ics", EventFeedView.as_view(), name="event-feed"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
