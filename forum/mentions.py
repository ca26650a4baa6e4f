"""Mentions in posts: `@[Name](u:ID)`, `@[Organisation](o:slug)` and plain `@jan.kowalski` (an e-mail's local
part), resolved to people who may read the thread and to listed organisations, and turned into links."""

import re
from dataclasses import dataclass, field

from django.urls import reverse

TOKEN = re.compile(r"@\[(?P<label>[^\]\n]{1,120})\]\((?P<kind>[uo]):(?P<key>[A-Za-z0-9_-]{1,120})\)")
PLAIN = re.compile(r"(?<![\w.@/\\\[])@(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9])?)")
MAX_MENTIONS = 30
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


@dataclass
class Resolved:
    users: dict = field(default_factory=dict)  # user id → User
    organisations: dict = field(default_factory=dict)  # slug → Organisation
    plain: dict = field(default_factory=dict)  # lower-case local part → User


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def resolve(body: str, thread) -> Resolved:
    """The people and organisations `body` mentions. A person counts only if they may read `thread` (nobody
    is told about, or linked to, a discussion they cannot open); a plain `@name` only if one person has it."""
    from zitnet.accounts.models import User
    from zitnet.directory.models import Organisation

    user_ids, slugs = set(), set()
    for match in TOKEN.finditer(body or ""):
        if match["kind"] == "u" and match["key"].isdigit():
            user_ids.add(int(match["key"]))
        elif match["kind"] == "o":
            slugs.add(match["key"])
    without_tokens = TOKEN.sub(" ", body or "")
    locals_ = {m["local"].lower() for m in PLAIN.finditer(without_tokens)}
    result = Resolved()
    if user_ids:
        for person in User.objects.filter(pk__in=list(user_ids)[:MAX_MENTIONS], is_active=True):
            if person.has_perm("forum.view_thread", thread):
                result.users[person.pk] = person
    if slugs:
        for organisation in Organisation.objects.listed().filter(slug__in=list(slugs)[:MAX_MENTIONS]):
            result.organisations[organisation.slug] = organisation
    for local in list(locals_)[:MAX_MENTIONS]:
        people = list(User.objects.filter(email__istartswith=f"{local}@", is_active=True)[:2])
        if len(people) == 1 and people[0].has_perm("forum.view_thread", thread):
            result.plain[local] = people[0]
    return result


def person_url(user) -> str:
    return reverse("forum:person", args=[user.pk])


def to_markdown(body: str, resolved: Resolved) -> str:
    """`body` with every resolved mention turned into a Markdown link (named as the database names it, not as
    the writer typed it); unresolved ones stay plain text."""

    def token(match):
        if match["kind"] == "u" and match["key"].isdigit() and int(match["key"]) in resolved.users:
            person = resolved.users[int(match["key"])]
            return f"[@{_escape(person.get_full_name() or str(person.pk))}]({person_url(person)})"
        if match["kind"] == "o" and match["key"] in resolved.organisations:
            organisation = resolved.organisations[match["key"]]
            return f"[@{_escape(organisation.short_name or organisation.name)}]({organisation.get_absolute_url()})"
        return "@" + _escape(match["label"])

    def plain(match):
        person = resolved.plain.get(match["local"].lower())
        if person is None:
            return match.group(0)
        return f"[@{_escape(person.get_full_name() or match['local'])}]({person_url(person)})"

    parts = []
    last = 0
    for match in TOKEN.finditer(body or ""):
        parts.append(PLAIN.sub(plain, body[last : match.start()]))
        parts.append(token(match))
        last = match.end()
    parts.append(PLAIN.sub(plain, (body or "")[last:]))
    return "".join(parts)


def mentioned_users(resolved: Resolved) -> list:
    people = {**{p.pk: p for p in resolved.plain.values()}, **resolved.users}
    return list(people.values())


def addressed_user_ids(post) -> set[int]:
    """Ids of the people the stored mentions of `post` speak to: those mentioned by name and the editors of
    each organisation mentioned (they answer for it). Read before and after an edit, the difference is who
    the edit newly mentions."""
    from zitnet.accounts.enums import MembershipRole, MembershipStatus
    from zitnet.accounts.models import Membership

    from .models import Mention

    rows = list(Mention.objects.filter(post=post).values_list("user_id", "organisation_id"))
    people = {user_id for user_id, _organisation_id in rows if user_id is not None}
    organisation_ids = {organisation_id for _user_id, organisation_id in rows if organisation_id is not None}
    if organisation_ids:
        editors = Membership.objects.filter(
            organisation_id__in=organisation_ids, role=MembershipRole.EDITOR, status=MembershipStatus.ACTIVE
        )
        people.update(editors.values_list("user_id", flat=True))
    return people
