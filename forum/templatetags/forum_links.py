"""`{% forum_discussions practice=page %}`: the threads about a practice, organisation or challenge."""

from django import template

from forum import selectors

register = template.Library()

_PARAMETER = {"practice": "p", "organisation": "o", "challenge": "c"}


@register.inclusion_tag("forum/includes/discussions.html", takes_context=True)
def forum_discussions(context, **target):
    request = context.get("request")
    user = getattr(request, "user", None)
    ((name, obj),) = target.items()
    if user is None or obj is None or obj.pk is None:
        return {"threads": [], "start_url": None}
    threads = list(selectors.linked_threads(user, **{name: obj}))
    start_url = None
    if user.is_authenticated:
        for space in selectors.visible_spaces(user).filter(is_archived=False):
            if user.has_perm("forum.post_in_space", space):
                from django.urls import reverse

                start_url = f"{reverse('forum:new_thread', args=[space.slug])}?{_PARAMETER[name]}={obj.pk}"
                break
    return {"threads": threads, "start_url": start_url}
