"""The adapters of this Lambda process, shared by every handler in it and built on first use."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from slsplay.bootstrap import Container, bootstrap

if TYPE_CHECKING:
    from slsplay.services.media import StreamSigner
    from slsplay.services.notifications import MailPorts
    from slsplay.services.reactions import ReactionPorts
    from slsplay.services.tickets import PaymentPorts


@functools.cache
def container() -> Container:
    """This process's adapters, built on the first invocation (never at import)."""
    return bootstrap()


@functools.cache
def mail_ports() -> MailPorts:
    """What sending email needs, built once per process (by the functions that send)."""
    from slsplay.services.notifications import MailPorts  # noqa: PLC0415  (senders only)

    deps = container()
    return MailPorts(
        store=deps.store,
        clock=deps.clock,
        mailer=deps.mailer,
        base_url=deps.settings.public_url,
        mail_from=deps.settings.mail_from,
    )


@functools.cache
def payment_ports() -> PaymentPorts:
    """What selling tickets needs, built once per process (by the functions that sell)."""
    from slsplay.services.tickets import PaymentPorts  # noqa: PLC0415  (sellers only)

    deps = container()
    return PaymentPorts(deps.store, deps.clock, deps.payments, deps.settings.public_url)


def reaction_ports() -> ReactionPorts:
    """What reacting to domain events needs: mail, the notifier's own queue (the emails to
    many invitees go through it, a group at a time), payments on first use."""
    from slsplay.services.reactions import ReactionPorts  # noqa: PLC0415  (notifier, jobs)

    deps = container()
    queue = deps.queue(deps.settings.queue_url("NOTIFIER"))
    return ReactionPorts(mail=mail_ports(), queue=queue, payments=payment_ports)


def stream_signer() -> StreamSigner:
    """What signs the paths of video streams, with the key derived from the signing key (a
    Secrets Manager read in the cloud, on first use: only a video with a stream needs it)."""
    from slsplay.services.media import StreamSigner  # noqa: PLC0415

    deps = container()
    return StreamSigner(deps.url_secret, deps.settings.public_url)


def forget() -> None:
    """Drop this process's adapters, so that the next use builds them afresh (for tests)."""
    container.cache_clear()
    mail_ports.cache_clear()
    payment_ports.cache_clear()
