"""Signing in with a social account (OpenID Connect, or GitHub's OAuth 2).

``start`` keeps what the sign-in began with (state, nonce, PKCE verifier, where to return,
the guest's id) for ten minutes and sends the person to the provider; ``finish`` takes that
record once (an unknown, expired, reused or tampered ``state`` is refused), trades the code
for who signed in, and finds their account: the one already linked to that identity, else
the account with the same address (when the provider says the address is theirs), else a
new one. A guest's drafts move to it, as on signing up. The web app then trades a one-time
code (two minutes) for the session, so no token ever travels in a URL.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, urlencode

from slsplay.domain.errors import Conflict, FieldError, InvalidInput, NotFound
from slsplay.domain.invitations import normalise_email
from slsplay.domain.text import cleaned_text
from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.ports import Identity, IdentityProviders, SignInRefused
from slsplay.services.auth import AuthPorts, Session, claim_drafts, guest_of, start_session
from slsplay.store.repositories import UserRepository
from slsplay.store.sessions import IdentityLinks, OneTimeTokens, PendingSignIn, PendingSignIns

PENDING_LIFETIME = timedelta(minutes=10)
HANDOFF_LIFETIME = timedelta(minutes=2)


@dataclass(frozen=True)
class SocialPorts:
    auth: AuthPorts
    providers: IdentityProviders
    base_url: str  # the public address: callbacks and the web app's pages are under it

    def callback_url(self, provider: str) -> str:
        return f"{self.base_url}/api/auth/oidc/{quote(provider)}/callback"


def start(
    ports: SocialPorts, provider: str, return_to: str | None, guest_token: str | None = None
) -> str:
    """Where to send the person to sign in at ``provider``."""
    if provider not in ports.providers.names():
        raise NotFound("provider_not_found")
    guest = guest_of(ports.auth, guest_token)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # RFC 7636: 43 to 128 characters
    pending = PendingSignIn(
        provider, nonce, verifier, _local_path(return_to), guest.user_id if guest else None
    )
    now = ports.auth.clock.now()
    PendingSignIns(ports.auth.store).add(state, pending, now + PENDING_LIFETIME)
    return ports.providers.authorization_url(
        provider,
        redirect_uri=ports.callback_url(provider),
        state=state,
        nonce=nonce,
        code_verifier=verifier,
    )


def finish(ports: SocialPorts, provider: str, code: str | None, state: str | None) -> str:
    """The web app's page to land on after the provider's callback: with a one-time code
    for the session, or ``SignInRefused`` (the caller sends the person back to log in)."""
    pending = None
    if state:
        pending = PendingSignIns(ports.auth.store).take(state, ports.auth.clock.now())
    if pending is None or pending.provider != provider:
        raise SignInRefused("invalid_state")
    if not code:
        raise SignInRefused("code_missing")
    identity = ports.providers.identity(
        provider,
        code=code,
        redirect_uri=ports.callback_url(provider),
        code_verifier=pending.code_verifier,
        nonce=pending.nonce,
    )
    user = _account_of(ports.auth, identity)
    if pending.guest_id is not None:
        claim_drafts(ports.auth, pending.guest_id, user.id)
    handoff = secrets.token_urlsafe(32)
    expires = ports.auth.clock.now() + HANDOFF_LIFETIME
    OneTimeTokens(ports.auth.store).add("handoff", handoff, user.id, expires)
    query = urlencode({"code": handoff, "next": pending.return_to})
    return f"{ports.base_url}/signin/complete?{query}"


def exchange(ports: AuthPorts, code: str) -> Session:
    """The session for a one-time code from ``finish`` (once, within two minutes)."""
    user_id = OneTimeTokens(ports.store).take("handoff", code, ports.clock.now())
    if user_id is None:
        raise InvalidInput(
            [FieldError("code", "is unknown, expired or already used")], code="invalid_token"
        )
    return start_session(ports, UserRepository(ports.store).get(user_id))


def _account_of(ports: AuthPorts, identity: Identity) -> User:
    users, links = UserRepository(ports.store), IdentityLinks(ports.store)
    now = ports.clock.now()
    linked = links.find(identity.provider, identity.subject)
    if linked is not None:
        return users.get(linked)
    # Linking by address only when the provider vouches for it: otherwise anyone could
    # claim an account by naming its address at a lax provider.
    if not identity.email or not identity.email_verified:
        raise SignInRefused("email_not_verified")
    address = normalise_email(identity.email)
    user = users.find_by_email(address)
    if user is None:
        user = _new_account(ports, identity, address)
    else:
        read_version = user.version
        if user.verify_email(now):
            users.save(user, read_version)
    owner = links.link(identity.provider, identity.subject, user.id, now)
    return user if owner == user.id else users.get(owner)


def _new_account(ports: AuthPorts, identity: Identity, address: str) -> User:
    now = ports.clock.now()
    # The provider's name as the account's, cleaned rather than refused: the sign-in goes on.
    name = cleaned_text(identity.name or "") or address.split("@", 1)[0]
    user = User.register(user_id=new_id(), email=address, name=name[:100], now=now)
    user.email_verified_at = now  # the provider vouched for the address
    try:
        UserRepository(ports.store).add(user)
    except Conflict:  # the same person, signing in twice at once
        found = UserRepository(ports.store).find_by_email(address)
        if found is None:  # pragma: no cover  (it was there a moment ago)
            raise
        return found
    return user


def _local_path(return_to: str | None) -> str:
    """Only a path of this site: never a redirect to somewhere else."""
    if not return_to or not return_to.startswith("/") or return_to.startswith("//"):
        return "/"
    return return_to if "\\" not in return_to else "/"
