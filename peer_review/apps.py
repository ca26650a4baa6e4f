"""App configuration of peer_review."""

from django.apps import AppConfig


class PeerReviewConfig(AppConfig):
    name = "peer_review"
    label = "peer_review"
