"""The person's "My meetups" kept on the device (SQLite in the app's data directory), so the
list and each meetup's page read offline; one copy per person, dropped at sign-out."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS my_meetups (
    person TEXT NOT NULL,
    meetup_id TEXT NOT NULL,
    role TEXT NOT NULL,          -- organizer, or invited (with the person's answer)
    response TEXT,
    starts_at TEXT NOT NULL,
    meetup TEXT NOT NULL,        -- the API's meetup object, as JSON
    PRIMARY KEY (person, meetup_id)
);
CREATE TABLE IF NOT EXISTS refreshed (
    person TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class MyMeetup:
    """One line of "My meetups": the meetup as the API gave it, and how the person is in it."""

    meetup: dict[str, Any]
    role: str  # "organizer" or "invited"
    response: str | None = None  # the person's answer to an invitation

    @property
    def id(self) -> str:
        """The meetup's id."""
        return str(self.meetup["id"])

    @property
    def starts_at(self) -> str:
        """When the meetup starts (ISO 8601 with offset)."""
        return str(self.meetup["starts_at"])


class MeetupCache:
    """SQLite file with each person's last "My meetups"."""

    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self._path)) as db, db:
            yield db

    def replace(self, person: str, meetups: list[MyMeetup], at: str) -> None:
        """Keep ``meetups`` as the person's list, instead of the one kept before."""
        with self._connection() as db:
            db.execute("DELETE FROM my_meetups WHERE person = ?", (person,))
            db.executemany(
                "INSERT OR REPLACE INTO my_meetups VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (person, m.id, m.role, m.response, m.starts_at, json.dumps(m.meetup))
                    for m in meetups
                ],
            )
            db.execute("INSERT OR REPLACE INTO refreshed VALUES (?, ?)", (person, at))

    def meetups(self, person: str) -> list[MyMeetup]:
        """The person's kept list, soonest first."""
        with self._connection() as db:
            rows = db.execute(
                "SELECT meetup, role, response FROM my_meetups WHERE person = ? "
                "ORDER BY starts_at, meetup_id",
                (person,),
            ).fetchall()
        return [MyMeetup(json.loads(meetup), role, response) for meetup, role, response in rows]

    def refreshed_at(self, person: str) -> str | None:
        """When the person's list was last fetched from the API."""
        with self._connection() as db:
            row = db.execute("SELECT at FROM refreshed WHERE person = ?", (person,)).fetchone()
        return None if row is None else str(row[0])

    def forget(self, person: str) -> None:
        """Drop the person's copy (signing out)."""
        with self._connection() as db:
            db.execute("DELETE FROM my_meetups WHERE person = ?", (person,))
            db.execute("DELETE FROM refreshed WHERE person = ?", (person,))
