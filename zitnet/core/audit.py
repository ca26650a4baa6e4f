"""Audit trail: every change of roles and memberships is recorded with who, when and what."""

import logging

from wagtail.log_actions import log

logger = logging.getLogger("zitnet.audit")


def record(instance, action: str, *, user=None, data: dict | None = None) -> None:
    """Log an action on an object to Wagtail's audit log (shown in the admin) and to the log stream."""
    log(instance=instance, action=action, user=user, data=data or {})
    logger.info(
        "%s %s:%s by %s %s",
        action,
        instance._meta.label,
        instance.pk,
        getattr(user, "pk", None),
        data or "",
    )
