"""An invitee plays the meetup's video on the answer page, at phone size: the organizer's
upload goes through the runtime's media pipeline (real ffmpeg), the answer link comes from the
local mailbox, and the player streams the video under the site's content security policy with
no error in the console."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e import demo
from tests.support.server import Server


def test_an_invitee_plays_the_video_on_the_answer_page(
    page: Page, server: Server, console_errors: list[str]
) -> None:
    organizer, _ = demo.sign_up(server, "Vera Videographer")
    meetup = demo.create_meetup(organizer, title="Screening night")
    demo.upload_media(organizer, meetup["id"], demo.mp4(seconds=2), "video/mp4", wait_seconds=120)
    invitee = demo.unique_email("ines")
    demo.invite(organizer, meetup["id"], (invitee, "Ines Invitee"))
    demo.publish(organizer, meetup["id"])
    link = demo.wait_for_invitation_mail(server, invitee)  # from GET /api/_dev/mail

    page.goto(link)
    expect(page.get_by_role("heading", name="Screening night")).to_be_visible()
    video = page.get_by_label("Video: Screening night")
    expect(video).to_be_visible()
    assert page.viewport_size == {"width": 360, "height": 740}

    video.evaluate("v => v.play()")
    page.wait_for_function("v => v.currentTime > 0 && !v.paused", arg=video.element_handle())
    assert video.evaluate("v => v.error") is None
    assert console_errors == []
