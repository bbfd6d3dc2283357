"""Use cases for people: registering an account, starting as a guest."""

from __future__ import annotations

from slsplay.domain.users import User
from slsplay.ids import new_id
from slsplay.ports import Clock, ItemStore
from slsplay.store.repositories import UserRepository


def register_user(store: ItemStore, clock: Clock, email: object, name: object) -> User:
    """A new account; ``email_taken`` if the address already has one."""
    user = User.register(user_id=new_id(), email=email, name=name, now=clock.now())
    UserRepository(store).add(user)
    return user


def start_as_guest(store: ItemStore, clock: Clock) -> User:
    """A guest who can draft meetups before signing up."""
    user = User.guest(user_id=new_id(), now=clock.now())
    UserRepository(store).add(user)
    return user
