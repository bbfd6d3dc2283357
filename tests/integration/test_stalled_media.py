"""A video stuck in processing, failed by the scheduled sweep as ``slsplay serve`` runs it.

The upload's processing is made to have started three hours ago in the served store (no
conversion ever ends it), then ``slsplay jobs run stalled-media`` fires the job as its
schedule would: the organizer sees the video failed, and gets one email saying so. On
``--backend aws`` the same runs on moto's DynamoDB, Streams and SES.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from slsplay.bootstrap import bootstrap
from slsplay.cli import main
from slsplay.config import Settings
from slsplay.store.repositories import MediaRepository
from tests.support.api import bearer, mail_to, new_meetup, sign_up_organizer
from tests.support.server import Server
from tests.support.waiting import eventually

pytestmark = pytest.mark.served


def backend_options(server: Server) -> list[str]:
    """The options that point ``jobs run`` at the server's backend (on AWS, its stage)."""
    if server.aws_endpoint is None:
        return []
    return ["--backend", "aws", "--aws-endpoint", server.aws_endpoint, "--stage", server.stage]


@pytest.fixture(autouse=True)
def emulated_credentials(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's keys, for this process and the runtime ``jobs run`` starts (as the server's)."""
    if server.aws_endpoint is not None:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def start_processing_hours_ago(server: Server, meetup_id: str, media_id: str, hours: int) -> None:
    """Move an upload to ``processing`` as if its processing had started ``hours`` ago."""
    settings = Settings(
        backend="aws" if server.aws_endpoint else "local",
        data_dir=server.data_dir,
        aws_endpoint=server.aws_endpoint,
        table_name=f"slsplay-{server.stage}",
    )
    store = bootstrap(settings).store
    try:
        repository = MediaRepository(store)
        video = repository.get(meetup_id, media_id)
        read_version = video.version
        video.start_processing(datetime.now(UTC) - timedelta(hours=hours))
        repository.save(video, read_version)
    finally:
        store.close()


def run_job(server: Server, capsys: pytest.CaptureFixture[str]) -> Any:
    """``slsplay jobs run stalled-media`` on the server's backend; answers what the job did."""
    command = ["--data-dir", str(server.data_dir), "jobs", "run", "stalled-media"]
    assert main([*command, *backend_options(server)]) == 0
    printed = capsys.readouterr().out.splitlines()
    (line,) = [line for line in printed if line.startswith("StalledMediaJob: ")]
    return json.loads(line.removeprefix("StalledMediaJob: "))


def test_a_video_stuck_in_processing_is_failed_and_its_organizer_told_once(
    api: httpx.Client, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a video whose processing started three hours ago and never ended
    session = sign_up_organizer(api, server, "Vera")
    token = session["access_token"]
    meetup = new_meetup(api, token, title="Film club")
    asked = api.post(
        f"/api/meetups/{meetup['id']}/media",
        json={"kind": "video", "content_type": "video/mp4", "size": 4000},
        headers=bearer(token),
    )
    assert asked.status_code == 201, asked.text
    video = asked.json()["media"]
    start_processing_hours_ago(server, meetup["id"], video["id"], hours=3)

    # WHEN the sweep runs, then runs again
    first, second = run_job(server, capsys), run_job(server, capsys)

    # THEN the video is failed once, with a reason, and the organizer is emailed once
    assert (first, second) == ({"failed": 1}, {"failed": 0})
    shown = api.get(f"/api/meetups/{meetup['id']}/media/{video['id']}", headers=bearer(token))
    assert shown.json()["status"] == "failed"
    assert shown.json()["reason"] == "Processing took too long. Upload the file again."
    subject = "Your video for Film club could not be processed"
    told = mail_to(server, session["user"]["email"], subject)
    assert "Upload the file again" in told["text"]
    eventually(server.quiet)  # a second email, had one been due, would have come by now
    assert [m["subject"] for m in server.mail()].count(subject) == 1
