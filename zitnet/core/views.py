"""Views of the shell: the health check (also the benchmarks' ceiling)."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """Liveness: answers without touching the database, so it measures the server and Django alone."""
    return HttpResponse("ok", content_type="text/plain")
