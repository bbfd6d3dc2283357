"""An organizer's photo and video, made fit to show: Pillow and ffmpeg on real files.

Every file is made here: photos with Pillow, videos with ffmpeg's lavfi test sources.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageCms

from slsplay.media import images, videos
from slsplay.media.kinds import SNIFF_BYTES, MediaRejected, sniff

GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf'
    b'-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator='
    b'"Ada Organizer"/></rdf:RDF></x:xmpmeta>'
)


def ffmpeg(*arguments: str) -> None:
    subprocess.run(  # noqa: S603  (the test's own arguments)
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *arguments],  # noqa: S607
        check=True,
    )


def ffprobe(path: Path) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def streams(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {stream["codec_type"]: stream for stream in report["streams"]}


def lavfi_video(
    path: Path,
    *,
    size: str,
    seconds: float,
    rate: int = 25,
    audio: bool = True,
    extra: tuple[str, ...] = (),
) -> Path:
    sound = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"] if audio else []
    ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}:duration={seconds}",
        *sound,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        *(["-c:a", "aac"] if audio else []),
        *extra,
        "-shortest", str(path),
    )  # fmt: skip
    return path


def photo(
    size: tuple[int, int] = (2400, 1600),
    *,
    image_format: str = "JPEG",
    orientation: int | None = None,
    **save: Any,
) -> bytes:
    """A photo as a phone would send it: with a GPS location in its EXIF."""
    picture = Image.new("RGB", size, (255, 0, 0))
    # The stored left half red, the right half blue: where they end up shows the turn.
    picture.paste((0, 0, 255), (size[0] // 2, 0, *size))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    if orientation:
        exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    out = io.BytesIO()
    picture.save(out, image_format, exif=exif, **save)
    return out.getvalue()


# Photos


def test_a_photo_comes_out_without_its_location_or_any_other_metadata(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = photo(xmp=XMP, icc_profile=srgb, comment=b"taken at home")
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD)  # the test's premise
    assert all(t in source for t in (b"Ada Organizer", b"taken at home", b"ICC_PROFILE"))

    variants = images.make_variants(source, "image/jpeg", tmp_path)

    assert variants
    for variant in variants:
        written = (tmp_path / variant.name).read_bytes()
        with Image.open(io.BytesIO(written)) as shown:
            assert dict(shown.getexif()) == {}
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(
                shown.info
            )
        for trace in (b"Exif", b"EXIF", b"PhoneMaker", b"Ada Organizer", b"taken at home"):
            assert trace not in written, (variant.name, trace)
        assert b"ICC_PROFILE" not in written
        assert b"ICCP" not in written


def test_a_photo_is_written_at_three_widths_as_webp_and_jpeg(tmp_path: Path) -> None:
    variants = images.make_variants(photo((2400, 1600)), "image/jpeg", tmp_path)

    assert [(v.name, v.content_type, v.width, v.height) for v in variants] == [
        ("w320.webp", "image/webp", 320, 213),
        ("w320.jpg", "image/jpeg", 320, 213),
        ("w960.webp", "image/webp", 960, 640),
        ("w960.jpg", "image/jpeg", 960, 640),
        ("w1920.webp", "image/webp", 1920, 1280),
        ("w1920.jpg", "image/jpeg", 1920, 1280),
    ]
    for variant in variants:
        path = tmp_path / variant.name
        assert variant.size_bytes == path.stat().st_size
        with Image.open(path) as shown:
            assert (shown.format, shown.size) == (
                {"image/webp": "WEBP", "image/jpeg": "JPEG"}[variant.content_type],
                (variant.width, variant.height),
            )


def test_a_small_transparent_png_is_not_upscaled_and_keeps_its_transparency_in_webp(
    tmp_path: Path,
) -> None:
    logo = Image.new("RGBA", (500, 300), (0, 0, 0, 0))
    logo.paste((255, 0, 0, 255), (100, 50, 400, 250))
    source = io.BytesIO()
    logo.save(source, "PNG")

    variants = images.make_variants(source.getvalue(), "image/png", tmp_path)

    assert [(v.name, v.width) for v in variants] == [
        ("w320.webp", 320),
        ("w320.jpg", 320),
        ("w500.webp", 500),
        ("w500.jpg", 500),
    ]
    with Image.open(tmp_path / "w500.webp") as webp, Image.open(tmp_path / "w500.jpg") as jpeg:
        assert (webp.mode, jpeg.mode) == ("RGBA", "RGB")
        assert webp.getpixel((10, 10))[3] == 0  # type: ignore[index]
        assert jpeg.getpixel((10, 10)) == (255, 255, 255)  # JPEG has none: shown on white


def test_a_photo_taken_sideways_is_turned_upright(tmp_path: Path) -> None:
    # Stored 4000x3000 with "turn 90 degrees clockwise to show": shown 3000x4000, the stored
    # left (red) on top.
    source = photo((4000, 3000), orientation=6)

    variants = images.make_variants(source, "image/jpeg", tmp_path)

    widest = variants[-1]
    assert (widest.width, widest.height) == (1920, 2560)
    with Image.open(tmp_path / widest.name) as shown:
        red, _, blue = shown.convert("RGB").getpixel((960, 100))  # type: ignore[misc]
        assert red > 200
        assert blue < 60
        assert ORIENTATION not in shown.getexif()


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    source = photo((1200, 800), quality=95)

    with pytest.raises(MediaRejected) as refused:
        images.make_variants(source[: len(source) // 2], "image/jpeg", tmp_path)

    assert refused.value.reason == "The file is not a JPEG image."


def test_a_png_declared_as_a_jpeg_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MediaRejected) as refused:
        images.make_variants(photo(image_format="PNG"), "image/jpeg", tmp_path)

    assert refused.value.reason == "The file is not a JPEG image."


def test_a_photo_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, "PNG")  # 64 megapixels in a few kilobytes
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb.getvalue())

    with pytest.raises(MediaRejected) as refused:
        images.make_variants(path, "image/png", tmp_path / "out")

    assert refused.value.reason == "The photo has too many pixels: up to 50 megapixels are taken."


# Videos


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def hd_video(media_dir: Path) -> videos.Transcoded:
    """A 3-second 1280x720 video with sound and a title and location, transcoded."""
    source = lavfi_video(
        media_dir / "hd.mp4",
        size="1280x720",
        seconds=3,
        extra=(
            "-metadata", "title=Rehearsal at home",
            "-metadata", "location=+48.8584+002.2945/",
            "-metadata", "creation_time=2026-05-01T10:00:00Z",
        ),
    )  # fmt: skip
    return videos.transcode(source, media_dir / "hd")


@pytest.fixture(scope="module")
def phone_video(media_dir: Path) -> videos.Transcoded:
    """A 10-second silent video filmed upright: stored 426x240, turned a quarter to show."""
    stored = lavfi_video(media_dir / "stored.mp4", size="426x240", seconds=10, audio=False)
    source = media_dir / "phone.mov"
    ffmpeg("-i", str(stored), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(source))
    return videos.transcode(source, media_dir / "phone")


def test_a_720p_video_becomes_h264_and_aac_mp4s_at_720p_and_480p(
    hd_video: videos.Transcoded, media_dir: Path
) -> None:
    mp4s = [f for f in hd_video.outputs if f.content_type == "video/mp4"]
    assert [(f.name, f.width, f.height) for f in mp4s] == [
        ("720p.mp4", 1280, 720),
        ("480p.mp4", 854, 480),
    ]
    for mp4 in mp4s:
        path = media_dir / "hd" / mp4.name
        found = streams(ffprobe(path))
        assert (found["video"]["codec_name"], found["audio"]["codec_name"]) == ("h264", "aac")
        assert (found["video"]["width"], found["video"]["height"]) == (mp4.width, mp4.height)
        assert float(ffprobe(path)["format"]["duration"]) == pytest.approx(3, abs=0.1)
        data = path.read_bytes()
        assert data.index(b"moov") < data.index(b"mdat")  # faststart: plays while loading


def test_the_video_keeps_no_title_location_or_creation_time(
    hd_video: videos.Transcoded, media_dir: Path
) -> None:
    for name in ("720p.mp4", "480p.mp4"):
        report = ffprobe(media_dir / "hd" / name)
        tags = [report["format"].get("tags", {})] + [s.get("tags", {}) for s in report["streams"]]
        kept = {key for found in tags for key in found}
        assert not {"title", "location", "location-eng", "creation_time"} & kept


def test_the_hls_rendition_is_a_playlist_ffprobe_reads(
    hd_video: videos.Transcoded, media_dir: Path
) -> None:
    playlist = next(f for f in hd_video.outputs if f.name == "hls/index.m3u8")
    assert playlist.content_type == "application/vnd.apple.mpegurl"

    report = ffprobe(media_dir / "hd" / playlist.name)

    assert report["format"]["format_name"] == "hls"
    assert float(report["format"]["duration"]) == pytest.approx(3, abs=0.1)
    found = streams(report)
    assert (found["video"]["codec_name"], found["video"]["height"]) == ("h264", 720)
    assert found["audio"]["codec_name"] == "aac"


def test_the_poster_is_a_jpeg_of_the_video_size(
    hd_video: videos.Transcoded, media_dir: Path
) -> None:
    poster = next(f for f in hd_video.outputs if f.name == "poster.jpg")

    with Image.open(media_dir / "hd" / poster.name) as shown:
        assert (poster.content_type, shown.format, shown.size) == (
            "image/jpeg",
            "JPEG",
            (1280, 720),
        )


def test_hls_segments_are_four_seconds_long(
    phone_video: videos.Transcoded, media_dir: Path
) -> None:
    playlist = (media_dir / "phone" / "hls" / "index.m3u8").read_text()
    lengths = [float(s) for s in re.findall(r"#EXTINF:([\d.]+),", playlist)]

    assert lengths == pytest.approx([4, 4, 2], abs=0.05)
    assert [s.name for s in phone_video.segments] == [f"hls/segment-00{i}.ts" for i in range(3)]
    for segment in phone_video.segments:
        assert segment.name.removeprefix("hls/") in playlist
    assert float(ffprobe(media_dir / "phone" / "hls" / "index.m3u8")["format"]["duration"]) == (
        pytest.approx(10, abs=0.1)
    )


def test_a_small_upright_silent_video_keeps_its_size_and_shape_and_gets_no_sound_track(
    phone_video: videos.Transcoded, media_dir: Path
) -> None:
    assert [(f.name, f.width, f.height) for f in phone_video.outputs] == [
        ("240p.mp4", 240, 426),
        ("hls/index.m3u8", 240, 426),
        ("poster.jpg", 240, 426),
    ]
    assert not phone_video.has_audio
    found = streams(ffprobe(media_dir / "phone" / "240p.mp4"))
    assert set(found) == {"video"}
    assert (found["video"]["width"], found["video"]["height"]) == (240, 426)


def test_a_browser_recording_in_webm_without_a_stated_duration_transcodes(
    tmp_path: Path,
) -> None:
    # MediaRecorder writes WebM as a live stream: no duration in its header.
    recording = tmp_path / "recording.webm"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=1.5",
        "-f", "lavfi", "-i", "sine=duration=1.5",
        "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus",
        "-f", "webm", "-live", "1", str(recording),
    )  # fmt: skip
    assert "duration" not in ffprobe(recording)["format"]  # the test's premise

    info = videos.probe(recording)
    result = videos.transcode(recording, tmp_path / "out", info)

    assert (info.container, info.video_codec, info.audio_codec) == ("video/webm", "vp8", "opus")
    assert result.duration == pytest.approx(1.5, abs=0.1)
    found = streams(ffprobe(tmp_path / "out" / "240p.mp4"))
    assert (found["video"]["codec_name"], found["audio"]["codec_name"]) == ("h264", "aac")
    assert (tmp_path / "out" / "poster.jpg").stat().st_size > 0  # taken mid-way, at 0.75 s


def test_a_text_file_renamed_mp4_is_refused_by_the_probe(tmp_path: Path) -> None:
    fake = tmp_path / "teaser.mp4"
    fake.write_text("Not a video at all, just some notes for the meetup.\n")

    with pytest.raises(MediaRejected) as refused:
        videos.probe(fake)

    assert refused.value.reason == "The file is not a video."


def test_an_mp4_header_with_garbage_behind_it_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(range(256)) * 8)

    with pytest.raises(MediaRejected) as refused:
        videos.probe(broken)

    assert refused.value.reason == "The video could not be read; it may be damaged."
    assert refused.value.detail  # ffprobe's own words, for the logs


def test_a_sound_only_mp4_is_refused_as_not_a_video(tmp_path: Path) -> None:
    sound = tmp_path / "voice.mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(sound))

    with pytest.raises(MediaRejected) as refused:
        videos.probe(sound)

    assert refused.value.reason == "The file has no picture: it is not a video."


def test_a_conversion_that_runs_too_long_is_stopped_with_a_reason(
    media_dir: Path, phone_video: videos.Transcoded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(videos, "TIMEOUT_BASE_SECONDS", 0)
    monkeypatch.setattr(videos, "TIMEOUT_PER_SECOND", 0.001)

    with pytest.raises(MediaRejected) as refused:
        videos.transcode(media_dir / "phone.mov", media_dir / "too-slow")

    assert refused.value.reason == "The video took too long to convert."


def test_a_missing_ffmpeg_is_the_machine_s_fault_not_the_file_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(videos, "FFPROBE", "ffprobe-not-installed")
    video = lavfi_video(tmp_path / "fine.mp4", size="64x64", seconds=0.5, audio=False)

    with pytest.raises(videos.ToolMissing):
        videos.probe(video)


# Sniffing real files


def test_each_accepted_type_is_recognised_in_files_the_tools_write(tmp_path: Path) -> None:
    files = {}
    for pil_format, content_type in (
        ("JPEG", "image/jpeg"),
        ("PNG", "image/png"),
        ("WEBP", "image/webp"),
    ):
        path = tmp_path / f"photo.{pil_format.lower()}"
        Image.new("RGB", (16, 16)).save(path, pil_format)
        files[path] = content_type
    source = ["-f", "lavfi", "-i", "testsrc=size=64x64:rate=10:duration=0.5"]
    for name, codec, content_type in (
        ("clip.mp4", "libx264", "video/mp4"),
        ("clip.mov", "libx264", "video/quicktime"),
        ("clip.webm", "libvpx-vp9", "video/webm"),
    ):
        ffmpeg(*source, "-c:v", codec, str(tmp_path / name))
        files[tmp_path / name] = content_type

    assert {p.name: sniff(p.read_bytes()[:SNIFF_BYTES]) for p in files} == {
        p.name: t for p, t in files.items()
    }
