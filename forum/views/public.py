"""Pages of the discussion spaces: spaces, a space's threads, a thread with its posts, writing, editing with
history, reactions, following, attachments. Every page works with plain forms, without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zitnet.accounts.models import User
from zitnet.core.errors import DomainError

from .. import live, moderation, notifications, rendering, selectors, services
from ..attachments import is_image
from ..enums import Reaction
from ..forms import EditForm, ReplyForm, ThreadForm
from ..models import Attachment, Post, PostRevision, Space, Subscription, Thread

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50


def _refuse(request):
    """Someone who may not see it: anonymous visitors are asked to log in, others get a 404 (nothing says the
    space exists)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _space(request, slug: str) -> Space:
    space = get_object_or_404(Space, slug=slug)
    if not request.user.has_perm("forum.view_space", space):
        raise _NotVisible
    return space


def _thread(request, slug: str, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("space", "author"), pk=pk, space__slug=slug)
    if not request.user.has_perm("forum.view_thread", thread):
        raise _NotVisible
    return thread


def _post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__space", "author"), pk=pk)
    if not request.user.has_perm("forum.view_thread", post.thread):
        raise _NotVisible
    return post


class _NotVisible(Exception):
    pass


def _visible(view):
    """Turn a refusal to see an object into a login redirect or a 404."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _NotVisible:
            return _refuse(request)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def index(request):
    spaces = list(selectors.visible_spaces(request.user))
    context = {"spaces": spaces, "moderates_everything": moderation.moderates_everything(request.user)}
    return render(request, "forum/index.html", context)


@_visible
def space(request, slug: str):
    item = _space(request, slug)
    page_obj = Paginator(selectors.threads(item, request.user), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    following = (
        request.user.is_authenticated and Subscription.objects.filter(user=request.user, space=item).exists()
    )
    context = {
        "space": item,
        "page_obj": page_obj,
        "can_post": request.user.has_perm("forum.post_in_space", item),
        "can_moderate": request.user.has_perm("forum.moderate_space", item),
        "following": following,
    }
    return render(request, "forum/space.html", context)


def _link_choices(user) -> list:
    from knowledge.models import PracticePage
    from peer_review.models import Challenge
    from zitnet.directory.models import Organisation

    practices = [(f"p:{p.pk}", p.title) for p in PracticePage.objects.live().public().order_by("title")[:300]]
    organisations = [(f"o:{o.pk}", o.name) for o in Organisation.objects.listed().order_by("sort_name")[:500]]
    challenges = [
        (f"c:{c.pk}", f"{c.title} ({c.cycle})")
        for c in Challenge.objects.select_related("cycle").order_by("-pk")[:200]
        if user.has_perm("peer_review.view_challenge", c)
    ]
    groups = []
    for label, items in ((_("Good practices"), practices), (_("Organisations"), organisations),
                         (_("Challenges"), challenges)):  # fmt: skip
        if items:
            groups.append((label, items))
    return groups


def _link_target(value: str) -> dict:
    """ "p:12" → {"practice": PracticePage}; unknown or empty → {}; a bad value is refused."""
    from knowledge.models import PracticePage
    from peer_review.models import Challenge
    from zitnet.directory.models import Organisation

    if not value:
        return {}
    kind, _sep, key = value.partition(":")
    models = {
        "p": ("practice", PracticePage),
        "o": ("organisation", Organisation),
        "c": ("challenge", Challenge),
    }
    if kind not in models or not key.isdigit():
        raise DomainError(_("Choose what the thread is about from the list."))
    name, model = models[kind]
    target = model.objects.filter(pk=int(key)).first()
    if target is None:
        raise DomainError(_("Choose what the thread is about from the list."))
    return {name: target.specific if kind == "p" else target}


def _initial_link(request) -> str:
    for key in ("p", "o", "c"):
        value = request.GET.get(key, "")
        if value.isdigit():
            return f"{key}:{value}"
    return ""


@login_required
@_visible
def new_thread(request, slug: str):
    item = _space(request, slug)
    if not request.user.has_perm("forum.post_in_space", item):
        raise PermissionDenied
    choices = _link_choices(request.user)
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES, link_choices=choices)
        if form.is_valid():
            try:
                thread = services.start_thread(
                    actor=request.user,
                    space=item,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                    **_link_target(form.cleaned_data["link"]),
                )
            except DomainError as error:
                messages.error(request, error.message)
                status = _status(error)
            else:
                messages.success(request, _("The thread is started."))
                return redirect(thread)
        else:
            messages.error(request, _("Please correct the marked fields."))
            status = 400
    else:
        form = ThreadForm(link_choices=choices, initial={"link": _initial_link(request)})
    return render(request, "forum/thread_form.html", {"space": item, "form": form}, status=status)


def _quote(post: Post) -> str:
    name = post.author.get_full_name() if post.author else _("Deleted account")
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.body.splitlines())
    return f"> **{name}:**\n{quoted}\n\n"


def _thread_page(request, thread: Thread, *, form=None, status: int = 200):
    user = request.user
    page_obj = Paginator(selectors.thread_posts(thread, user), POSTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page_obj.object_list = selectors.decorate(page_obj.object_list, thread, user)
    viewer = live.viewer_of(user, thread, get_language())
    can_reply = viewer.can_reply
    if form is None and can_reply:
        initial = {}
        quoted_id = request.GET.get("cytuj", "")
        reply_id = request.GET.get("odpowiedz", "")
        if quoted_id.isdigit():
            quoted = Post.objects.filter(pk=int(quoted_id), thread=thread).select_related("author").first()
            if quoted is not None and selectors.may_see_post(user, quoted, moderator=viewer.can_moderate):
                initial = {"body": _quote(quoted), "reply_to": quoted.pk}
        elif reply_id.isdigit() and Post.objects.filter(pk=int(reply_id), thread=thread).exists():
            initial = {"reply_to": int(reply_id)}
        form = ReplyForm(initial=initial)
    reply_to = None
    if form is not None:
        reply_value = form["reply_to"].value()
        if str(reply_value or "").isdigit():
            reply_to = (
                Post.objects.filter(pk=int(reply_value), thread=thread).select_related("author").first()
            )
    context = {
        "space": thread.space,
        "thread": thread,
        "page_obj": page_obj,
        "post_items": rendering.post_items(
            page_obj.object_list,
            **viewer.flags(),
            viewer_id=user.pk,
            csrf_input=csrf_input(request),
            reply_page=page_obj.number,
        ),
        "form": form,
        "can_reply": can_reply,
        "reply_to": reply_to,
        "locked_for_me": thread.is_locked and not can_reply,
        "can_moderate": viewer.can_moderate,
        "following": user.is_authenticated and Subscription.objects.filter(user=user, thread=thread).exists(),
    }
    return render(request, "forum/thread.html", context, status=status)


@_visible
def thread(request, slug: str, pk: int):
    item = _thread(request, slug, pk)
    notifications.mark_thread_read(
        user=request.user, thread=item
    )  # reading the thread reads its notifications
    return _thread_page(request, item)


CATCH_UP_LIMIT = 100


def thread_since(request, slug: str, pk: int):
    """The live client's catch-up after a reconnect: the posts of the thread from `od` (the first post of the open
    page) on, as list items rendered for this reader, at most CATCH_UP_LIMIT. The client replaces the posts it
    shows (edits, hidden posts and reactions it may have missed) and adds the new ones; `data-more` says there is
    more than it got (the client then offers a reload). A thread the reader may not see is a 404, without the
    login redirect of the pages (this is fetched by a script)."""
    thread = Thread.objects.select_related("space", "author").filter(pk=pk, space__slug=slug).first()
    if thread is None or not request.user.has_perm("forum.view_thread", thread):
        raise Http404
    first = request.GET.get("od", "")
    if not first.isdigit() or len(first) > 18:
        return HttpResponseBadRequest(_("Give the id of the first post on the page (od)."))
    first_id = int(first)
    posts = list(selectors.posts_after(thread, first_id - 1, request.user)[: CATCH_UP_LIMIT + 1])
    more = len(posts) > CATCH_UP_LIMIT
    posts = selectors.decorate(posts[:CATCH_UP_LIMIT], thread, request.user)
    before = Post.objects.filter(thread=thread, pk__lt=first_id).count()
    for index, post in enumerate(posts):
        post.page_number = (before + index) // POSTS_PER_PAGE + 1
    items = rendering.post_items(
        posts,
        **live.viewer_of(request.user, thread, get_language()).flags(),
        viewer_id=request.user.pk,
        csrf_input=csrf_input(request),
    )
    context = {"post_items": items, "more": more}
    response = render(request, "forum/includes/posts_since.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
@_visible
def reply(request, slug: str, pk: int):
    item = _thread(request, slug, pk)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return _thread_page(request, item, form=form, status=400)
    try:
        post = services.reply(
            actor=request.user,
            thread=item,
            body=form.cleaned_data["body"],
            reply_to=form.cleaned_data["reply_to"],
            attachments=form.cleaned_data["attachments"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _thread_page(request, item, form=form, status=_status(error))
    messages.success(request, _("Your reply is posted."))
    return redirect(_post_url(post))


def _post_url(post: Post) -> str:
    page = selectors.page_of_post(post, POSTS_PER_PAGE)
    url = post.thread.get_absolute_url()
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@login_required
@_visible
def edit(request, pk: int):
    post = _post(request, pk)
    if not request.user.has_perm("forum.edit_post", post):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.edit_post(
                    actor=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    expected_version=form.cleaned_data["version"],
                )
            except DomainError as error:
                messages.error(request, error.message)
                status = _status(error)
                if error.code == "stale":
                    post.refresh_from_db()
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_post_url(post))
        else:
            messages.error(request, _("Please correct the marked fields."))
            status = 400
    else:
        form = EditForm(initial={"body": post.body, "version": post.version})
    context = {"post": post, "thread": post.thread, "space": post.thread.space, "form": form}
    return render(request, "forum/post_edit.html", context, status=status)


@_visible
def history(request, pk: int):
    post = _post(request, pk)
    if not request.user.has_perm("forum.view_post", post):
        raise PermissionDenied
    revisions = list(PostRevision.objects.filter(post=post).select_related("edited_by").order_by("-pk"))
    context = {
        "post": post,
        "thread": post.thread,
        "space": post.thread.space,
        "revisions": revisions,
        "back_url": _post_url(post),
    }
    return render(request, "forum/post_history.html", context)


@require_POST
@login_required
@_visible
def react(request, pk: int):
    post = _post(request, pk)
    kind = request.POST.get("kind", "")
    try:
        if kind not in Reaction.values:
            raise DomainError(_("Unknown reaction."))
        services.react(actor=request.user, post=post, kind=kind)
    except DomainError as error:
        messages.error(request, error.message)
        return _thread_page(request, post.thread, status=_status(error))
    return redirect(_post_url(post))


@require_POST
@login_required
@_visible
def follow_thread(request, slug: str, pk: int):
    item = _thread(request, slug, pk)
    if request.POST.get("follow") == "0":
        services.unsubscribe(actor=request.user, thread=item)
        messages.success(request, _("You no longer follow this thread."))
    else:
        services.subscribe(actor=request.user, thread=item)
        messages.success(request, _("You follow this thread: new posts will be in your notifications."))
    return redirect(item)


@require_POST
@login_required
@_visible
def follow_space(request, slug: str):
    item = _space(request, slug)
    if request.POST.get("follow") == "0":
        services.unsubscribe(actor=request.user, space=item)
        messages.success(request, _("You no longer follow this space."))
    else:
        services.subscribe(actor=request.user, space=item)
        messages.success(request, _("You follow this space: new threads will be in your notifications."))
    return redirect(item)


@_visible
def attachment(request, pk: int):
    item = get_object_or_404(
        Attachment.objects.select_related("post__thread__space"), pk=pk, post__isnull=False
    )
    if not request.user.has_perm("forum.view_thread", item.post.thread):
        raise _NotVisible
    if not request.user.has_perm("forum.view_post", item.post):
        raise Http404
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=not is_image(item),
        filename=item.name,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def person(request, pk: int):
    """Who a mention points to: the name and the latest posts the viewer may read."""
    someone = get_object_or_404(User, pk=pk, is_active=True)
    spaces = selectors.visible_spaces(request.user).values("pk")
    posts = (
        Post.objects.filter(author=someone, is_hidden=False, thread__space__in=spaces)
        .select_related("thread__space")
        .order_by("-pk")[:20]
    )
    if not posts and not request.user.is_authenticated:
        raise Http404
    return render(request, "forum/person.html", {"person": someone, "posts": posts})


def post_link(request, pk: int):
    """A permanent link to a post: to its page of the thread."""
    post = get_object_or_404(Post.objects.select_related("thread__space"), pk=pk)
    if not request.user.has_perm("forum.view_thread", post.thread):
        return _refuse(request)
    return redirect(_post_url(post))
