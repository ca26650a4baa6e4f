"""Middleware of the shell: the Content-Security-Policy, and a query counter for benchmarks."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import connections


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with extra sources for the Wagtail editor's paths only."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(settings.ZITNET_ADMIN_CSP_PATH_PREFIXES):
            parts.replace = {**(parts.replace or {}), **settings.ZITNET_ADMIN_CSP_REPLACE}
        return parts


class QueryCountMiddleware:
    """Counts SQL queries per request into an X-Query-Count header (bench settings only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        return response


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
