"""Work that must not hold up the request that caused it, such as e-mails to forty followers of a thread over
SMTP. It runs on one worker thread per process, in the order it was submitted, after the caller's transaction
has committed (callers submit from transaction.on_commit).

Failures are logged, never shown to the person whose request caused the work. Work still queued when the
process stops is lost; each job must leave a trace that allows a retry (forum e-mails mark `emailed_at` only
once sent).

With ZITNET_BACKGROUND_THREAD off (the test suite), the work runs at once in the caller's thread, so the suite
sees its effects without waiting.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections

logger = logging.getLogger("zitnet.background")
_executor: ThreadPoolExecutor | None = None


def submit(work, *, name: str) -> None:
    global _executor
    if not settings.ZITNET_BACKGROUND_THREAD:
        work()
        return
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zitnet-background")
    _executor.submit(_run, work, name)


def _run(work, name: str) -> None:
    try:
        work()
    except Exception:  # noqa: BLE001 - logged; the request that caused it has long answered
        logger.exception("background job %s failed", name)
    finally:
        connections.close_all()  # this thread's connections, opened by the job


def wait() -> None:
    """Block until everything submitted so far has run (tests, and commands that must finish their mail)."""
    if _executor is not None:
        _executor.submit(lambda: None).result()
