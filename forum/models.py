"""Discussion spaces, threads and posts. Models hold data only; every change goes through `forum.services`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import EmailMode, ModerationKind, NotificationKind, Reaction, Visibility
from .slugs import validate_space_slug

USER = settings.AUTH_USER_MODEL


class Space(models.Model):
    """A place for threads: public, for members of the network, or private to a group (e.g. a Forum cycle)."""

    title = models.CharField(_("title"), max_length=200)
    # Never one of the fixed words of the forum's addresses (forum.slugs): such a space could not be opened.
    slug = models.SlugField(_("slug"), max_length=120, unique=True, validators=[validate_space_slug])
    description = models.TextField(_("description"), blank=True, max_length=3000)
    visibility = models.CharField(
        _("who reads it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    members = models.ManyToManyField(
        USER, verbose_name=_("members of the group"), blank=True, related_name="forum_spaces"
    )
    moderators = models.ManyToManyField(
        USER, verbose_name=_("moderators"), blank=True, related_name="moderated_forum_spaces"
    )
    # A review cycle's participants get a private space, kept in step with the cycle.
    cycle = models.OneToOneField(
        "peer_review.Cycle",
        verbose_name=_("review cycle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_space",
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:space", args=[self.slug])


class Thread(models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="forum_threads")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True, db_index=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    # What the thread is about: shown there too.
    practice = models.ForeignKey(
        "knowledge.PracticePage",
        verbose_name=_("good practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    challenge = models.ForeignKey(
        "peer_review.Challenge",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["space", "is_pinned", "last_post_at"], name="forum_thread_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", args=[self.space.slug, self.pk])


class Post(models.Model):
    """A post in Markdown; `html` is its sanitised rendering, made when it is saved."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="forum_posts")
    body = models.TextField(_("text"), max_length=20000)
    html = models.TextField(blank=True)
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why it is hidden"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "pk"]
        # "Everything after the last post I saw" (the live client's catch-up) walks this index.
        indexes = [models.Index(fields=["thread", "id"], name="forum_post_after")]

    def __str__(self) -> str:
        return self.body[:80]

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class PostRevision(models.Model):
    """The text of a post before each edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("text"), max_length=20000)
    edited_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version of a post")
        verbose_name_plural = _("earlier versions of posts")
        ordering = ["post", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} – {self.created_at:%Y-%m-%d %H:%M}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_mentions",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(organisation__isnull=False), name="forum_mention_target"
            )
        ]

    def __str__(self) -> str:
        return str(self.user or self.organisation)


class PostReaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=10, choices=Reaction.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_one_reaction_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.post_id}"


class Attachment(models.Model):
    """An image or document attached to a post, stored privately and served through a permission check."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="private/forum/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Subscription(models.Model):
    """Following a thread or a whole space."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_subscriptions")
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, space__isnull=True)
                | Q(thread__isnull=True, space__isnull=False),
                name="forum_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="forum_one_thread_subscription",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(space__isnull=False),
                name="forum_one_space_subscription",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.thread or self.space}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="forum_settings")
    email = models.CharField(
        _("e-mail about mentions and replies"),
        max_length=10,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    show_presence = models.BooleanField(
        _("show others that I am reading a thread"),
        default=True,
        help_text=_("Your name appears under “Reading now” on the threads you have open."),
    )

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"


class ThreadReader(models.Model):
    """An open connection of a signed-in person to a thread's live updates: who is reading it now. One row per
    socket, written when it opens, refreshed by its heartbeat, deleted when it closes; rows whose heartbeat
    stopped (a server that died) are ignored after `forum.live.PRESENCE_TTL` and purged later."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("reader of a thread")
        verbose_name_plural = _("readers of a thread")
        indexes = [models.Index(fields=["thread", "seen_at"], name="forum_reader_thread_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.thread_id}"


class Notification(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_notifications")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="forum_unread"),
            # The e-mail outbox (notifications.send_due_emails) looks for these every few seconds.
            models.Index(
                fields=["created_at"],
                condition=models.Q(emailed_at__isnull=True, read_at__isnull=True),
                name="forum_mail_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user}"


class PostReport(models.Model):
    """A report of a post to the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("why"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resolved_at"], name="forum_open_reports")]

    def __str__(self) -> str:
        return self.reason[:80]


class ModerationEntry(models.Model):
    """The moderation log of a space: who did what to which thread or post, and why."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="moderation_log")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=ModerationKind.choices)
    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} – {self.created_at:%Y-%m-%d}"
