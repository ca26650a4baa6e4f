"""drf-spectacular hooks: the public schema documents our /api/v1/ only, not Wagtail's admin API."""


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
