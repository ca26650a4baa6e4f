"""A stable address for the current edition of the handbook, used by the main navigation."""

from django.http import Http404, HttpRequest, HttpResponseRedirect

from .models import HandbookPage


def current_handbook(request: HttpRequest) -> HttpResponseRedirect:
    """Redirect (302, since the next edition will move it) to the newest live edition."""
    handbook = HandbookPage.objects.live().public().order_by("-edition_date", "-pk").first()
    if handbook is None:
        raise Http404("No handbook has been published yet.")
    return HttpResponseRedirect(handbook.get_url(request=request))
