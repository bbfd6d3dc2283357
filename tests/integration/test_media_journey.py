"""Photos and videos over HTTP against ``slsplay serve``: the whole path of an upload.

The organizer asks for a ticket, posts the file to storage as a browser does, storage
announces it on the media queue, the media function processes it; the meetup's JSON then
carries signed URLs that its viewers fetch (ffprobe reads the video and its HLS stream over
HTTP, as a player would). On ``--backend aws`` the same runs on moto's S3 and SQS.
"""

from __future__ import annotations

import io
import json
import subprocess
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from PIL import Image

from tests.integration.test_media_processing import lavfi_video, photo
from tests.support.api import bearer, new_meetup, sign_up, sign_up_organizer
from tests.support.server import Server

pytestmark = pytest.mark.served


@pytest.fixture(scope="module")
def organizer(api: httpx.Client, server: Server) -> str:
    token: str = sign_up_organizer(api, server, "Ada")["access_token"]
    return token


def ticket(
    api: httpx.Client, token: str, meetup_id: str, kind: str, content_type: str, size: int
) -> httpx.Response:
    return api.post(
        f"/api/meetups/{meetup_id}/media",
        json={"kind": kind, "content_type": content_type, "size": size},
        headers=bearer(token),
    )


def post_form(upload: dict[str, Any], content: bytes, filename: str) -> httpx.Response:
    """What a browser does with a ticket: the fields, then the file."""
    return httpx.post(
        upload["url"],
        data=upload["fields"],
        files={"file": (filename, content, "application/octet-stream")},
        timeout=60,
    )


def upload(
    api: httpx.Client, token: str, meetup_id: str, kind: str, content_type: str, content: bytes
) -> dict[str, Any]:
    """Ask for a ticket and send the file with it; answers the media as the ticket gave it."""
    answer = ticket(api, token, meetup_id, kind, content_type, len(content))
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    assert body["media"]["status"] == "uploading"
    sent = post_form(body["upload"], content, "upload")
    assert sent.status_code == 204, sent.text
    media: dict[str, Any] = body["media"]
    return media


def processed(api: httpx.Client, token: str, meetup_id: str, media_id: str) -> dict[str, Any]:
    """The media once processing ended (ready or failed), as the organizer follows it."""
    deadline = time.monotonic() + 120
    while True:
        answer = api.get(f"/api/meetups/{meetup_id}/media/{media_id}", headers=bearer(token))
        assert answer.status_code == 200, answer.text
        media: dict[str, Any] = answer.json()
        if media["status"] in ("ready", "failed"):
            return media
        assert time.monotonic() < deadline, f"still {media['status']} after two minutes"
        time.sleep(0.25)


def ffprobe(url: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603  (our own arguments)
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", url],  # noqa: S607
        capture_output=True,
        check=True,
        timeout=60,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def renditions(media: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in media["renditions"]}


def tampered(url: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    name = "signature" if "signature" in query else "X-Amz-Signature"
    query[name] = ("0" if query[name][0] != "0" else "1") + query[name][1:]
    return urlunsplit(parts._replace(query=urlencode(query)))


# -- a photo and a video, from upload to the invitee's screen ------------------------------


@pytest.fixture(scope="module")
def shown(
    api: httpx.Client, organizer: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """A published meetup with a photo and a 3-second video, both processed."""
    meetup = new_meetup(api, organizer)
    photo_media = upload(api, organizer, meetup["id"], "photo", "image/jpeg", photo((1600, 1200)))
    video = lavfi_video(tmp_path_factory.mktemp("video") / "clip.mp4", size="1280x720", seconds=3)
    video_media = upload(api, organizer, meetup["id"], "video", "video/mp4", video.read_bytes())
    invited = api.post(
        f"/api/meetups/{meetup['id']}/invitations",
        json={"invitees": [{"email": "grace@example.com", "name": "Grace"}]},
        headers=bearer(organizer),
    )
    assert invited.status_code == 201, invited.text
    link = api.post(
        f"/api/meetups/{meetup['id']}/invitations/link",
        json={"email": "grace@example.com"},
        headers=bearer(organizer),
    ).json()["token"]
    return {
        "meetup": meetup,
        "photo": processed(api, organizer, meetup["id"], photo_media["id"]),
        "video": processed(api, organizer, meetup["id"], video_media["id"]),
        "link": link,
    }


def test_a_photo_becomes_variants_without_its_location(shown: dict[str, Any]) -> None:
    photo_media = shown["photo"]
    assert (photo_media["status"], photo_media["reason"]) == ("ready", None)
    variants = renditions(photo_media)
    # Never enlarged: the widest is the photo's own width.
    assert set(variants) == {f"w{w}.{ext}" for w in (320, 960, 1600) for ext in ("webp", "jpg")}
    assert (variants["w960.webp"]["width"], variants["w960.webp"]["height"]) == (960, 720)
    answer = httpx.get(variants["w320.jpg"]["url"], timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(answer.content))
    assert image.size == (320, 240)
    assert not image.getexif()  # no location, no camera, nothing


def test_a_video_becomes_mp4s_and_a_stream_that_players_read(shown: dict[str, Any]) -> None:
    video = shown["video"]
    assert video["status"] == "ready", video["reason"]
    assert 2.5 <= video["duration_seconds"] <= 3.5
    mp4 = renditions(video)["720p.mp4"]
    report = ffprobe(mp4["url"])
    kinds = {s["codec_type"]: s for s in report["streams"]}
    assert (kinds["video"]["codec_name"], kinds["video"]["height"]) == ("h264", 720)
    assert kinds["audio"]["codec_name"] == "aac"

    # The playlist comes through the API, its segments signed for this viewer.
    stream = ffprobe(video["stream_url"])
    assert 2.5 <= float(stream["format"]["duration"]) <= 3.5
    assert stream["format"]["format_name"] == "hls"
    poster = httpx.get(video["poster_url"], timeout=30)
    assert (poster.status_code, poster.headers["content-type"]) == (200, "image/jpeg")


def test_a_seek_in_a_video_gets_the_bytes_it_asks_for(shown: dict[str, Any]) -> None:
    url = renditions(shown["video"])["480p.mp4"]["url"]
    whole = httpx.get(url, timeout=30).content

    part = httpx.get(url, headers={"Range": "bytes=1000-1999"}, timeout=30)

    assert part.status_code == 206
    assert part.content == whole[1000:2000]
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(whole)}"


def test_an_invitee_sees_the_media_by_their_link_and_an_outsider_cannot(
    api: httpx.Client, server: Server, shown: dict[str, Any]
) -> None:
    seen = api.get(f"/api/rsvp/{shown['link']}").json()["meetup"]["media"]
    assert [m["id"] for m in seen] == [shown["photo"]["id"], shown["video"]["id"]]
    photo_url = renditions(seen[0])["w960.webp"]["url"]
    assert httpx.get(photo_url, timeout=30).status_code == 200
    assert ffprobe(seen[1]["stream_url"])["format"]["format_name"] == "hls"

    # Someone else signed in learns nothing of the meetup, so gets no URL ...
    outsider = sign_up(api, "Mallory")["access_token"]
    meetup_id = shown["meetup"]["id"]
    assert api.get(f"/api/meetups/{meetup_id}", headers=bearer(outsider)).status_code == 404
    media_id = shown["video"]["id"]
    assert (
        api.get(f"/api/meetups/{meetup_id}/media/{media_id}", headers=bearer(outsider)).status_code
        == 404
    )
    # ... and a URL made up or changed is refused. (moto's S3 checks no signature: there,
    # that the adapter signs its URLs with SigV4 is what the storage contract proves.)
    if server.aws_endpoint is None:
        assert httpx.get(tampered(photo_url), timeout=30).status_code == 403
    *start, _grant, folder, name = seen[1]["stream_url"].split("/")
    forged = "/".join([*start, "9999999999.forged", folder, name])
    assert httpx.get(forged, timeout=30).status_code == 404


# -- what is refused --------------------------------------------------------------------------


def test_a_text_file_named_like_a_video_ends_failed_with_a_reason(
    api: httpx.Client, organizer: str
) -> None:
    meetup = new_meetup(api, organizer)
    text = b"This is not a video, only words in a file named clip.mp4.\n" * 20

    media = upload(api, organizer, meetup["id"], "video", "video/mp4", text)

    ended = processed(api, organizer, meetup["id"], media["id"])
    assert ended["status"] == "failed"
    assert ended["reason"] == "The file is not an MP4 video."
    assert ended["renditions"] == []


@pytest.mark.parametrize(
    ("kind", "content_type", "size", "status", "code"),
    [
        ("photo", "image/jpeg", 10 * 1024 * 1024 + 1, 413, "media_too_large"),
        ("video", "video/mp4", 200 * 1024 * 1024 + 1, 413, "media_too_large"),
        ("photo", "image/gif", 1000, 415, "media_type_unsupported"),
        ("video", "video/x-msvideo", 1000, 415, "media_type_unsupported"),
        ("photo", "video/mp4", 1000, 415, "media_type_unsupported"),
    ],
)
def test_a_ticket_is_refused_for_a_file_too_large_or_of_a_wrong_type(
    api: httpx.Client,
    organizer: str,
    kind: str,
    content_type: str,
    size: int,
    status: int,
    code: str,
) -> None:
    meetup = new_meetup(api, organizer)

    answer = ticket(api, organizer, meetup["id"], kind, content_type, size)

    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code
    seen = api.get(f"/api/meetups/{meetup['id']}", headers=bearer(organizer)).json()
    assert seen["media"] == []  # nothing half-made stays behind


def test_storage_refuses_a_file_larger_than_its_ticket_or_of_another_type(
    api: httpx.Client, server: Server, organizer: str
) -> None:
    if server.aws_endpoint is not None:
        # moto's S3 enforces no POST policy; S3 does. That both adapters write the same
        # policy, and the local runtime refuses each breach as S3 does, the storage
        # contract proves.
        pytest.skip("moto's S3 does not check a POST policy")
    meetup = new_meetup(api, organizer)
    answer = ticket(api, organizer, meetup["id"], "photo", "image/png", 1000)
    form = answer.json()["upload"]

    too_large = post_form(form, b"\x89PNG\r\n\x1a\n" + bytes(2000), "big.png")
    other_type = post_form(
        {**form, "fields": {**form["fields"], "Content-Type": "text/html"}},
        b"<script>alert(1)</script>",
        "page.html",
    )

    assert too_large.status_code == 400
    assert b"EntityTooLarge" in too_large.content
    assert other_type.status_code == 403


def test_only_the_organizer_gets_a_ticket(api: httpx.Client, organizer: str) -> None:
    meetup = new_meetup(api, organizer, visibility="public")
    api.post(f"/api/meetups/{meetup['id']}/publish", headers=bearer(organizer))
    someone = sign_up(api, "Eve")["access_token"]

    answer = ticket(api, someone, meetup["id"], "photo", "image/jpeg", 1000)

    assert answer.status_code == 403
    assert answer.json()["code"] == "not_organizer"


def test_a_removed_photo_is_gone_with_its_files(api: httpx.Client, organizer: str) -> None:
    meetup = new_meetup(api, organizer)
    media = upload(api, organizer, meetup["id"], "photo", "image/png", photo(image_format="PNG"))
    ready = processed(api, organizer, meetup["id"], media["id"])
    url = renditions(ready)["w320.webp"]["url"]
    assert httpx.get(url, timeout=30).status_code == 200

    removed = api.delete(
        f"/api/meetups/{meetup['id']}/media/{media['id']}", headers=bearer(organizer)
    )

    assert removed.status_code == 204
    seen = api.get(f"/api/meetups/{meetup['id']}", headers=bearer(organizer)).json()
    assert seen["media"] == []
    deadline = time.monotonic() + 60
    while httpx.get(url, timeout=30).status_code != 404:  # the media function deletes them
        assert time.monotonic() < deadline, "the files are still there after a minute"
        time.sleep(0.25)
