"""Visibility of spaces, kinds of notifications and moderation, reactions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone reads, members write")
    MEMBERS = "members", _("Members of the network")
    PRIVATE = "private", _("Private group")


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mention")
    REPLY = "reply", pgettext_lazy("notification", "Reply")
    NEW_POST = "new_post", _("New post in a followed thread")
    NEW_THREAD = "new_thread", _("New thread in a followed space")
    MODERATION = "moderation", _("Moderation of your post")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Once a day (digest)")
    NONE = "none", _("Never")


class Reaction(models.TextChoices):
    THANKS = "thanks", _("Thanks")
    AGREE = "agree", _("I agree")
    USEFUL = "useful", _("Useful")
    QUESTION = "question", _("I have a question")


class ModerationKind(models.TextChoices):
    PIN = "pin", pgettext_lazy("moderation", "Pinned")
    UNPIN = "unpin", _("Unpinned")
    LOCK = "lock", pgettext_lazy("moderation", "Locked")
    UNLOCK = "unlock", _("Unlocked")
    MOVE = "move", pgettext_lazy("moderation", "Moved")
    HIDE = "hide", pgettext_lazy("moderation", "Hidden")
    UNHIDE = "unhide", _("Shown again")
    DISMISS = "dismiss", _("Report dismissed")
