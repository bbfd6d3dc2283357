"""Accounts and signing in: sign up, log in or out, a guest's start, email proofs, password
resets, sign-in codes and refreshed sessions."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.types import Info

from slsplay.graphql.context import Context
from slsplay.graphql.errors import UserError, attempt
from slsplay.graphql.mutations.payloads import DeletePayload
from slsplay.graphql.types.user import Session, User, to_session, to_user
from slsplay.services import auth
from slsplay.services.auth import Session as DomainSession


@strawberry.input
class SignUpInput:
    email: str
    password: str
    name: str


@strawberry.input
class LogInInput:
    email: str
    password: str


@strawberry.type
class UserPayload:
    user: User | None
    user_errors: list[UserError]


@strawberry.type(description="Accepted: an email goes out if an account has the address.")
class AcceptedPayload:
    accepted: bool
    user_errors: list[UserError]


def _accepted(action: Callable[[], None]) -> AcceptedPayload:
    def run() -> bool:
        action()
        return True

    done, errors = attempt(run)
    return AcceptedPayload(accepted=bool(done), user_errors=errors)


@strawberry.type
class SessionPayload:
    session: Session | None
    user_errors: list[UserError]


def _signed_in(context: Context, action: Callable[[], DomainSession]) -> SessionPayload:
    session, errors = attempt(action)
    if session is None:
        return SessionPayload(session=None, user_errors=errors)
    shown = to_session(session)
    if context.refresh_cookie:
        context.issued_refresh_token = session.refresh_token
        shown.refresh_token = None
    return SessionPayload(session=shown, user_errors=errors)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description=(
            "A new account; called by a guest, their drafts move to it. Answers alike whether"
            " or not the address has an account (its holder is emailed instead)."
        )
    )
    def sign_up(self, info: Info[Context, None], input: SignUpInput) -> SessionPayload:
        context = info.context
        return _signed_in(
            context,
            lambda: auth.sign_up(
                context.app.auth, input.email, input.password, input.name, context.guest_token
            ),
        )

    @strawberry.mutation(description="Called by a guest, their drafts move to the account.")
    def log_in(self, info: Info[Context, None], input: LogInInput) -> SessionPayload:
        context = info.context
        return _signed_in(
            context,
            lambda: auth.log_in(context.app.auth, input.email, input.password, context.guest_token),
        )

    @strawberry.mutation(description="Start as a guest: drafts only, until signing up.")
    def continue_as_guest(self, info: Info[Context, None]) -> SessionPayload:
        return _signed_in(info.context, lambda: auth.start_as_guest(info.context.app.auth))

    @strawberry.mutation(description="End the sign-in of a refresh token.")
    def log_out(self, info: Info[Context, None], refresh_token: str) -> DeletePayload:
        _, errors = attempt(lambda: auth.log_out(info.context.app.auth, refresh_token))
        return DeletePayload(deleted_id=None, user_errors=errors)

    @strawberry.mutation(description="Prove an email address with the emailed link's token.")
    def verify_email(self, info: Info[Context, None], token: str) -> UserPayload:
        user, errors = attempt(lambda: auth.verify_email(info.context.app.auth, token))
        return UserPayload(user=to_user(user) if user else None, user_errors=errors)

    @strawberry.mutation(description="Email the signed-in account a new verification link.")
    def resend_verification(self, info: Info[Context, None]) -> AcceptedPayload:
        context = info.context

        def resend() -> None:
            context.user_id  # noqa: B018  (refuses an anonymous request)
            assert context.caller is not None
            auth.resend_verification(context.app.auth, context.caller)

        return _accepted(resend)

    @strawberry.mutation(description="Email a password reset link, if an account has it.")
    def forgot_password(self, info: Info[Context, None], email: str) -> AcceptedPayload:
        return _accepted(lambda: auth.forgot_password(info.context.app.auth, email))

    @strawberry.mutation(description="A new password with the emailed link's token (once).")
    def reset_password(
        self, info: Info[Context, None], token: str, password: str
    ) -> SessionPayload:
        return _signed_in(
            info.context, lambda: auth.reset_password(info.context.app.auth, token, password)
        )

    @strawberry.mutation(description="Email a 6-digit sign-in code, if an account has it.")
    def request_sign_in_code(self, info: Info[Context, None], email: str) -> AcceptedPayload:
        return _accepted(lambda: auth.request_code(info.context.app.auth, email))

    @strawberry.mutation(
        description="Sign in with the emailed code; 5 wrong codes in 15 minutes pause it."
    )
    def sign_in_with_code(self, info: Info[Context, None], email: str, code: str) -> SessionPayload:
        context = info.context
        return _signed_in(
            context,
            lambda: auth.sign_in_with_code(context.app.auth, email, code, context.guest_token),
        )

    @strawberry.mutation
    def refresh_session(self, info: Info[Context, None], refresh_token: str) -> SessionPayload:
        return _signed_in(info.context, lambda: auth.refresh(info.context.app.auth, refresh_token))
