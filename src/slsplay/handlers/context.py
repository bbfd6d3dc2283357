"""The adapters of this Lambda process, shared by every handler in it and built on first use."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from slsplay.bootstrap import Container, bootstrap

if TYPE_CHECKING:
    from slsplay.services.notifications import MailPorts


@functools.cache
def container() -> Container:
    """This process's adapters, built on the first invocation (never at import)."""
    return bootstrap()


@functools.cache
def mail_ports() -> MailPorts:
    """What sending email needs, built once per process (by the functions that send)."""
    from slsplay.services.notifications import MailPorts  # noqa: PLC0415  (senders only)

    app = container()
    return MailPorts(
        store=app.store,
        clock=app.clock,
        mailer=app.mailer,
        base_url=app.settings.public_url,
        mail_from=app.settings.mail_from,
    )


def forget() -> None:
    """Drop this process's adapters, so that the next use builds them afresh (for tests)."""
    container.cache_clear()
    mail_ports.cache_clear()
