"""App configuration of forum."""

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    label = "forum"

    def ready(self) -> None:
        from zitnet.privacy.registry import register

        from . import cache_links as _cache_links  # noqa: F401 - cached practice pages follow linked threads
        from . import cycle_spaces, live, personal_data
        from . import rules as _rules  # noqa: F401 - the forum's permissions

        cycle_spaces.connect()
        live.connect()
        register(personal_data.forum_section)
