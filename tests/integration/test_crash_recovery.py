"""``slsplay serve`` killed (SIGKILL) in the middle of a fan-out, then started again.

What the pumps had in hand when the process died comes back (a stream batch from its
checkpoint, queue messages when their visibility timeout ends), and the notifier's claims
keep each invitation to one email: in the end every invitee has exactly one.
"""

from __future__ import annotations

import email
import email.policy
import time
from collections import Counter
from pathlib import Path

import httpx

from tests.support.api import bearer, new_meetup, sign_up
from tests.support.server import running_server

INVITEES = 1000
KILL_AFTER = 150  # invitations in the mailbox when the server is killed
# The notifier queue's visibility timeout (60 s) plus a claim's last seconds, with room.
RECOVERY_SECONDS = 150


def emails_in(mailbox: Path) -> int:
    return sum(1 for _ in mailbox.glob("*.eml")) if mailbox.is_dir() else 0


def wait_for(mailbox: Path, count: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while (found := emails_in(mailbox)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return found


def test_a_server_killed_mid_fan_out_ends_with_every_invitation_sent_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    mailbox = data_dir / "mailbox"
    with running_server(data_dir) as server:
        api = httpx.Client(base_url=server.url, timeout=60)
        token = sign_up(api, "Host")["access_token"]
        meetup = new_meetup(api, token, title="Gala", capacity=None)
        invitees = [{"email": f"guest{n}@example.com"} for n in range(INVITEES)]
        invited = api.post(
            f"/api/meetups/{meetup['id']}/invitations",
            headers=bearer(token),
            json={"invitees": invitees},
        )
        assert invited.status_code == 201, invited.text
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token)).raise_for_status()

        wait_for(mailbox, KILL_AFTER, seconds=60)
        server.process.kill()
        server.process.wait()
    sent_before_the_kill = emails_in(mailbox)
    assert KILL_AFTER <= sent_before_the_kill < INVITEES, "the kill missed the fan-out"

    with running_server(data_dir):
        assert wait_for(mailbox, INVITEES, seconds=RECOVERY_SECONDS) >= INVITEES
        time.sleep(1)  # anything still on its way would land now

    recipients = Counter(
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)["To"]
        for path in mailbox.glob("*.eml")
    )
    assert len(recipients) == INVITEES
    assert set(recipients.values()) == {1}
