"""App configuration of forum."""

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    label = "forum"

    def ready(self) -> None:
        from zitnet.privacy.registry import register

        from . import cycle_spaces, personal_data
        from . import rules as _rules  # noqa: F401 - the forum's permissions

        cycle_spaces.connect()
        register(personal_data.forum_section)
