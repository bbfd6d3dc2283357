"""``slsplay serve`` killed (SIGKILL) in the middle of a fan-out, then started again.

What the pumps had in hand when the process died comes back (a stream batch from its
checkpoint, queue messages when their visibility timeout ends), and the notifier's claims
keep each invitation to one email: in the end every invitee has exactly one.

It runs on the local backend only. What it proves is the runtime's own recovery (the
pumps' checkpoints, the queues' visibility) and the notifier's claims; on the AWS backend
the queue's visibility is moto's, and the claims' conditional writes answer as SQLite's do
(tests/contract/test_mail_markers.py). There it spent a minute and a half of the suite
waiting out the visibility timeout.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import httpx

from tests.support.api import bearer, new_meetup, sign_up_organizer
from tests.support.server import Server, running_server
from tests.support.waiting import eventually

INVITEES = 1000
# The notifier queue's visibility timeout (60 s) plus a claim's last seconds, with room.
RECOVERY_SECONDS = 150


def wait_for(server: Server, count: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while (found := server.sent_count()) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_a_server_killed_mid_fan_out_ends_with_every_invitation_sent_once(tmp_path: Path) -> None:
    invitees = INVITEES
    kill_after = invitees // 6  # invitations sent when the server is killed
    data_dir = tmp_path / "data"
    with running_server(data_dir) as server:
        api = httpx.Client(base_url=server.url, timeout=60)
        token = sign_up_organizer(api, server)["access_token"]
        meetup = new_meetup(api, token, title="Gala", capacity=None)
        invited = api.post(
            f"/api/meetups/{meetup['id']}/invitations",
            headers=bearer(token),
            json={"invitees": [{"email": f"guest{n}@example.com"} for n in range(invitees)]},
        )
        assert invited.status_code == 201, invited.text
        api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(token)).raise_for_status()

        wait_for(server, kill_after, seconds=60)
        server.process.kill()
        server.process.wait()
    sent_before_the_kill = server.sent_count()
    assert kill_after <= sent_before_the_kill < invitees, "the kill missed the fan-out"

    with running_server(data_dir) as restarted:
        # Every invitation, and the host's email to confirm their address.
        expected = invitees + 1
        assert wait_for(restarted, expected, seconds=RECOVERY_SECONDS) >= expected
        # Nothing is left on its way: what the killed server had received shows again after
        # the queue's visibility timeout, and is delivered (and found sent) once more.
        eventually(restarted.quiet, seconds=RECOVERY_SECONDS)
        sent = restarted.sent_mail()

    # One invitation each: a copy re-sent after the crash is the same message (its
    # Message-ID), which the local mailbox keeps once and mail apps fold.
    invitations: dict[str, set[str]] = defaultdict(set)
    for message in sent:
        if message["To"].startswith("guest"):
            invitations[message["To"]].add(message["Message-ID"])
    assert len(invitations) == invitees
    assert all(len(ids) == 1 for ids in invitations.values())
