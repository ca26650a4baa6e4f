"""/api/v1/forum/…: discussion spaces, threads and posts with the same permissions as the pages.

Reading goes through `forum.selectors` and the `rules` permissions (a space, thread or post the reader may not
see answers 404); every change goes through `forum.services` (a missing permission answers 403, a refusal 400
with {"detail", "code"}, a stale edit 409 with the current version). A hidden post keeps its place: its author
and the moderators read it with the reason, everyone else only that the moderators hid it.
`GET /threads/{id}/posts/?after={post id}` is an API client's catch-up (the pages' live client fetches rendered posts
from `views.public.thread_since` instead).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from zitnet.core.errors import DomainError
from zitnet.directory.models import Organisation

from . import selectors, services
from .enums import Reaction
from .models import Post, Space, Thread

# --- serializers ------------------------------------------------------------------------------------------

REACTION_KINDS = "One of: " + ", ".join(Reaction.values) + "."


class ForumRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    version = serializers.IntegerField(required=False, help_text="The post's current version (on 409).")


class ForumPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class ForumSpaceSerializer(serializers.ModelSerializer):
    thread_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The space's page.")
    can_post = serializers.SerializerMethodField(help_text="Whether the reader may start threads here.")

    class Meta:
        model = Space
        fields = [
            "slug",
            "title",
            "description",
            "visibility",
            "is_archived",
            "thread_count",
            "url",
            "can_post",
        ]

    def get_url(self, space) -> str:
        return space.get_absolute_url()

    def get_can_post(self, space) -> bool:
        return self.context["request"].user.has_perm("forum.post_in_space", space)


class ForumThreadSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = ForumPersonSerializer(read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField(help_text="The thread's page.")
    can_reply = serializers.SerializerMethodField(help_text="Whether the reader may reply.")

    class Meta:
        model = Thread
        fields = [
            "id",
            "space",
            "title",
            "author",
            "created_at",
            "last_post_at",
            "post_count",
            "is_pinned",
            "is_locked",
            "practice",
            "organisation",
            "challenge",
            "url",
            "can_reply",
        ]

    def get_url(self, thread) -> str:
        return thread.get_absolute_url()

    def get_can_reply(self, thread) -> bool:
        return self.context["request"].user.has_perm("forum.reply_thread", thread)


class ForumReactionCountSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=REACTION_KINDS)
    count = serializers.IntegerField()
    mine = serializers.BooleanField()


class ForumAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class ForumPostSerializer(serializers.ModelSerializer):
    """A post as the reader may see it: `body` and `html` are null for a post hidden from them."""

    author = ForumPersonSerializer(read_only=True, allow_null=True)
    body = serializers.SerializerMethodField()
    html = serializers.SerializerMethodField(help_text="Sanitised HTML rendered from the Markdown text.")
    hidden = serializers.BooleanField(source="is_hidden")
    hidden_reason = serializers.SerializerMethodField(help_text="Only for the author and the moderators.")
    notice = serializers.SerializerMethodField(help_text="What to show instead of a hidden post.")
    reactions = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id",
            "thread",
            "author",
            "reply_to",
            "created_at",
            "edited_at",
            "version",
            "hidden",
            "hidden_reason",
            "notice",
            "body",
            "html",
            "reactions",
            "attachments",
        ]

    def _shown(self, post) -> bool:
        return getattr(post, "shown", True)

    @extend_schema_field(OpenApiTypes.STR)
    def get_body(self, post) -> str | None:
        return post.body if self._shown(post) else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_html(self, post) -> str | None:
        return post.html if self._shown(post) else None

    def get_hidden_reason(self, post) -> str:
        return post.hidden_reason if post.is_hidden and self._shown(post) else ""

    def get_notice(self, post) -> str:
        return _("This post is hidden by the moderators.") if post.is_hidden else ""

    @extend_schema_field(ForumReactionCountSerializer(many=True))
    def get_reactions(self, post):
        return [
            {"kind": row["kind"], "count": row["count"], "mine": row["mine"]}
            for row in getattr(post, "reaction_list", [])
        ]

    @extend_schema_field(ForumAttachmentSerializer(many=True))
    def get_attachments(self, post):
        if not self._shown(post):
            return []
        return ForumAttachmentSerializer(post.attachments.all(), many=True).data


class ForumThreadCreateSerializer(serializers.Serializer):
    space = serializers.SlugField(help_text="The slug of the space.")
    title = serializers.CharField(max_length=services.MAX_TITLE)
    body = serializers.CharField(max_length=services.MAX_BODY, help_text="Markdown.")
    organisation = serializers.SlugField(required=False, help_text="Slug of an organisation it is about.")
    practice = serializers.IntegerField(required=False, help_text="Id of a good practice it is about.")
    challenge = serializers.IntegerField(required=False, help_text="Id of a challenge it is about.")


class ForumReplySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=services.MAX_BODY, help_text="Markdown.")
    reply_to = serializers.IntegerField(required=False, help_text="Id of the post replied to.")


class ForumEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=services.MAX_BODY, help_text="Markdown.")
    version = serializers.IntegerField(min_value=1, help_text="The version of the post you edited.")


class ForumReactSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=10, help_text=REACTION_KINDS)


class ForumReactedSerializer(serializers.Serializer):
    on = serializers.BooleanField(help_text="Whether the reaction is now there.")
    post = ForumPostSerializer()


# --- views ------------------------------------------------------------------------------------------------

REFUSED = OpenApiResponse(ForumRefusalSerializer, description="Refused, with the reason in words.")
STALE = OpenApiResponse(
    ForumRefusalSerializer, description="Someone edited the post meanwhile (code “stale”)."
)


def refused(exc: DomainError, **extra) -> Response:
    code = status.HTTP_409_CONFLICT if exc.code == "stale" else status.HTTP_400_BAD_REQUEST
    return Response({"detail": str(exc.message), "code": exc.code, **extra}, status=code)


class ReadOpenWriteSignedIn:
    """Anyone may read (the rules decide what); changing anything needs a signed-in user."""

    def get_permissions(self):
        if self.request is not None and self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated()]


def _readable_threads(user):
    return Thread.objects.filter(space__in=selectors.visible_spaces(user).values("pk"))


def _decorated(posts, thread, user) -> list:
    return selectors.decorate(posts, thread, user)


class SpaceViewSet(ReadOpenWriteSignedIn, viewsets.ReadOnlyModelViewSet):
    """The discussion spaces the reader may read: public ones for everyone, members' spaces for members of the
    network, private groups for their members and moderators."""

    serializer_class = ForumSpaceSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.visible_spaces(self.request.user)


SPACE_FILTER = OpenApiParameter(
    "space", OpenApiTypes.STR, description="Only the threads of this space (slug)."
)
AFTER = OpenApiParameter(
    "after", OpenApiTypes.INT, description="Only the posts after this post id (catch-up after a reconnect)."
)


class ThreadViewSet(
    ReadOpenWriteSignedIn,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Threads of the spaces the reader may read: pinned first, then by the latest post."""

    serializer_class = ForumThreadSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        threads = (
            _readable_threads(self.request.user)
            .select_related("space", "author")
            .order_by("-is_pinned", "-last_post_at", "-pk")
        )
        if self.action == "list" and "space" in self.request.query_params:
            space = get_object_or_404(
                selectors.visible_spaces(self.request.user), slug=self.request.query_params["space"]
            )
            threads = threads.filter(space=space)
        return threads

    def get_object(self):
        pk = self.kwargs["pk"]
        return get_object_or_404(self.get_queryset(), pk=pk)

    def _organisation(self, slug):
        if slug is None:
            return None
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("There is no such organisation in the directory.")]})
        return organisation

    def _practice(self, pk):
        if pk is None:
            return None
        from knowledge.models import PracticePage

        practice = PracticePage.objects.live().public().filter(pk=pk).first()
        if practice is None:
            raise ValidationError({"practice": [_("There is no such published good practice.")]})
        return practice

    def _challenge(self, pk):
        if pk is None:
            return None
        from peer_review.models import Challenge

        challenge = Challenge.objects.filter(pk=pk).first()
        if challenge is None or not self.request.user.has_perm("peer_review.view_challenge", challenge):
            raise ValidationError({"challenge": [_("There is no such challenge you can see.")]})
        return challenge

    @extend_schema(parameters=[SPACE_FILTER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ForumThreadCreateSerializer,
        responses={201: ForumThreadSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Start a thread with its first post (members who may write in the space)",
    )
    def create(self, request, *args, **kwargs):
        serializer = ForumThreadCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        space = get_object_or_404(selectors.visible_spaces(request.user), slug=data["space"])
        try:
            thread = services.start_thread(
                actor=request.user,
                space=space,
                title=data["title"],
                body=data["body"],
                organisation=self._organisation(data.get("organisation")),
                practice=self._practice(data.get("practice")),
                challenge=self._challenge(data.get("challenge")),
            )
        except DomainError as exc:
            return refused(exc)
        thread = self.get_queryset().get(pk=thread.pk)
        return Response(self.get_serializer(thread).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        parameters=[AFTER],
        responses={200: ForumPostSerializer(many=True), 404: None},
        summary="The posts of a thread in order (or only those after a given post)",
    )
    @extend_schema(
        methods=["POST"],
        request=ForumReplySerializer,
        responses={201: ForumPostSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Reply in a thread (a locked thread refuses, except to its moderators)",
    )
    @action(detail=True, methods=["get", "post"], serializer_class=ForumPostSerializer)
    def posts(self, request, pk=None):
        thread = self.get_object()
        if request.method == "POST":
            return self._reply(request, thread)
        after = request.query_params.get("after")
        if after is not None:
            try:
                after = int(after)
            except ValueError:
                raise ValidationError({"after": [_("Give the id of the last post you saw.")]}) from None
            posts = selectors.posts_after(thread, after, request.user)
        else:
            posts = selectors.thread_posts(thread, request.user)
        page = self.paginate_queryset(posts)
        rows = _decorated(page, thread, request.user)
        return self.get_paginated_response(
            ForumPostSerializer(rows, many=True, context={"request": request}).data
        )

    def _reply(self, request, thread):
        serializer = ForumReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            post = services.reply(
                actor=request.user, thread=thread, body=data["body"], reply_to=data.get("reply_to")
            )
        except DomainError as exc:
            return refused(exc)
        post = selectors.thread_posts(thread, request.user).get(pk=post.pk)
        (post,) = _decorated([post], thread, request.user)
        return Response(
            ForumPostSerializer(post, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class PostViewSet(ReadOpenWriteSignedIn, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One post: read it, edit one's own (sending the version edited), react to it."""

    serializer_class = ForumPostSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Post.objects.filter(thread__in=_readable_threads(self.request.user))

    def get_object(self):
        found = get_object_or_404(self.get_queryset().select_related("thread__space"), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, found)
        return found

    def _answer(self, post: Post, **extra) -> Response:
        thread = post.thread
        post = selectors.thread_posts(thread, self.request.user).get(pk=post.pk)
        (post,) = _decorated([post], thread, self.request.user)
        data = ForumPostSerializer(post, context={"request": self.request}).data
        return Response({**extra, "post": data} if extra else data)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(self.get_object())

    @extend_schema(
        request=ForumEditSerializer,
        responses={200: ForumPostSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Edit one's own post, sending the version edited (the earlier text is kept)",
    )
    def partial_update(self, request, *args, **kwargs):
        post = self.get_object()
        serializer = ForumEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            post = services.edit_post(
                actor=request.user, post=post, body=data["body"], expected_version=data["version"]
            )
        except DomainError as exc:
            current = Post.objects.values_list("version", flat=True).get(pk=post.pk)
            return refused(exc, version=current) if exc.code == "stale" else refused(exc)
        return self._answer(post)

    @extend_schema(
        request=ForumReactSerializer,
        responses={200: ForumReactedSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Add a reaction to a post, or take it back",
    )
    @action(detail=True, methods=["post"])
    def react(self, request, pk=None):
        post = self.get_object()
        serializer = ForumReactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            on = services.react(actor=request.user, post=post, kind=serializer.validated_data["kind"])
        except DomainError as exc:
            return refused(exc)
        return self._answer(post, on=on)
