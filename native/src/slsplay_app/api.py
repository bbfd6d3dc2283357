"""The app's one way to the API: the generated client (slsplay_client) with the person's
bearer token, renewed once with the refresh token when the API says it expired; refusals
become ``ApiProblem`` and an unreachable server ``Offline``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from slsplay_app.problems import ApiProblem, Offline
from slsplay_app.tokens import Tokens, TokenStore
from slsplay_client import AuthenticatedClient, Client
from slsplay_client.api.auth import refresh_api_auth_refresh_post
from slsplay_client.models import RefreshIn, SessionOut
from slsplay_client.types import Response

TIMEOUT = httpx.Timeout(20.0, connect=5.0)
Operation = Callable[..., Awaitable[Response[Any]]]


class Api:
    """The API at ``base_url``, called as the signed-in person (or anonymously)."""

    def __init__(
        self, base_url: str, tokens: TokenStore, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._tokens = tokens
        # A test hands in a transport that answers without a server.
        self._httpx_args: dict[str, Any] = {} if transport is None else {"transport": transport}
        self.signed_in: Tokens | None = tokens.load(self.base_url)
        self._anonymous: Client | None = None
        self._client: AuthenticatedClient | None = None

    def anonymous(self) -> Client:
        """The client for routes that take no sign-in (sign-in itself, answer links)."""
        if self._anonymous is None:
            self._anonymous = Client(
                base_url=self.base_url, timeout=TIMEOUT, httpx_args=self._httpx_args
            )
        return self._anonymous

    def authenticated(self) -> AuthenticatedClient:
        """The client that sends the person's bearer token."""
        if self.signed_in is None:
            raise ApiProblem(401, "sign_in_required", "Sign in first.")
        if self._client is None or self._client.token != self.signed_in.access_token:
            self._client = AuthenticatedClient(
                base_url=self.base_url,
                token=self.signed_in.access_token,
                timeout=TIMEOUT,
                httpx_args=self._httpx_args,
            )
        return self._client

    def keep(self, session: SessionOut) -> Tokens:
        """Keep the sign-in an auth route answered with, as the person's from now on."""
        refresh = session.refresh_token if isinstance(session.refresh_token, str) else None
        self.signed_in = Tokens(
            access_token=session.access_token,
            refresh_token=refresh,
            user_id=session.user.id,
            name=session.user.name,
            is_guest=session.user.is_guest,
        )
        self._tokens.save(self.base_url, self.signed_in)
        return self.signed_in

    def forget(self) -> None:
        """Drop the person's sign-in from the device."""
        self.signed_in = None
        self._client = None
        self._tokens.clear(self.base_url)

    async def call(self, operation: Operation, *args: Any, **kwargs: Any) -> Any:
        """``operation`` (a generated ``asyncio_detailed``) anonymously; its parsed answer."""
        return _parsed(await _sent(operation, *args, client=self.anonymous(), **kwargs))

    async def call_as_me(self, operation: Operation, *args: Any, **kwargs: Any) -> Any:
        """``operation`` with the person's token, renewed once if it expired."""
        answer = await _sent(operation, *args, client=self.authenticated(), **kwargs)
        if answer.status_code == 401 and await self._renewed():
            answer = await _sent(operation, *args, client=self.authenticated(), **kwargs)
        return _parsed(answer)

    async def _renewed(self) -> bool:
        current = self.signed_in
        if current is None or current.refresh_token is None:
            return False
        answer = await _sent(
            refresh_api_auth_refresh_post.asyncio_detailed,
            client=self.anonymous(),
            body=RefreshIn(refresh_token=current.refresh_token),
        )
        if answer.status_code != 200 or not isinstance(answer.parsed, SessionOut):
            return False
        self.keep(answer.parsed)
        return True


async def _sent(operation: Operation, *args: Any, **kwargs: Any) -> Response[Any]:
    try:
        return await operation(*args, **kwargs)
    except httpx.TransportError as e:
        raise Offline from e


def _parsed(answer: Response[Any]) -> Any:
    if answer.status_code >= 300:
        raise ApiProblem.of(answer.status_code, answer.content)
    return answer.parsed
