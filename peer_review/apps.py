"""The Assessment and Cooperation Forum (Forum Oceny i Współpracy): the peer-review cycles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeerReviewConfig(AppConfig):
    name = "peer_review"
    label = "peer_review"
    verbose_name = _("Assessment and Cooperation Forum")

    def ready(self) -> None:
        from zitnet.privacy.registry import register

        from . import personal_data
        from .search import register_search

        register(personal_data.peer_review_section)
        register_search()
