"""E-mails to the people of a cycle, each in their own language, sent after the transaction commits."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

_muted: ContextVar[bool] = ContextVar("peer_review_notifications_muted", default=False)


@contextmanager
def muted():
    """Build cycles through the services without e-mailing anyone (demo data): the e-mails would be queued
    for after the commit, long after the caller could discard them."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify(users, *, subject, message, params: dict | None = None, url: str = "") -> None:
    """Queue one e-mail per person. `subject` and `message` are lazy translations with %(name)s parameters,
    rendered in each recipient's preferred language."""
    if _muted.get():
        return
    recipients = {user.pk: user for user in users if user is not None and user.is_active and user.email}
    if not recipients:
        return
    params = dict(params or {})

    def send() -> None:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for user in recipients.values():
            with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
                values = {key: str(value) for key, value in params.items()}
                body = render_to_string(
                    "peer_review/email/notice.txt",
                    {"user": user, "message": str(message) % values, "url": f"{base}{url}" if url else ""},
                )
                send_mail(f"[ZITnet] {str(subject) % values}", body, None, [user.email], fail_silently=False)

    transaction.on_commit(send)
