"""App configuration of forum."""

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    label = "forum"
