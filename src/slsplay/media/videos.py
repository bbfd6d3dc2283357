"""A meetup's video, made fit to play anywhere: probed, transcoded, streamed, postered.

``probe`` asks ffprobe what an upload is; ``transcode`` makes, with ffmpeg:

- H.264/AAC MP4s at 720p and 480p (the short side: a portrait video's width), never
  upscaled: a smaller source gets its own size, and 480p only if it is larger than that;
  even dimensions, the source's aspect ratio, ``+faststart`` so playback starts before the
  whole file arrived, at most 30 frames a second;
- an HLS rendition of the largest MP4 (the same encoding, cut into MPEG-TS segments of 4 s:
  every MP4 has a keyframe exactly every 4 s, so the cut needs no second encoding);
- a poster JPEG: the frame at 1 s, or the middle one of a shorter video.

Nothing of the source's metadata is kept (``-map_metadata -1``): no title, location or
creation time. A source without sound gets no audio track (rather than a silent one): the
players show it has no sound, and there is nothing to encode or download. ffmpeg and
ffprobe run without a shell, on a fixed demuxer chosen from the file's magic bytes and
reading local files only, each with a timeout; whatever fails raises ``MediaRejected`` with
a reason a person can read, and the tool's own words in its ``detail`` for the logs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from slsplay.domain.media import check_duration
from slsplay.media.kinds import SNIFF_BYTES, MediaFile, MediaRejected, sniff

FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"
HEIGHTS = (720, 480)  # of the short side, largest first: the first is also streamed (HLS)
SEGMENT_SECONDS = 4
MAX_FPS = 30
# A meetup's video is a short teaser; a longer one would keep a worker busy for long.
POSTER_AT_SECONDS = 1.0
PROBE_TIMEOUT_SECONDS = 30
# Measured (bench/transcode.py): ~0.35 s of processing per second of 720p video on two
# cores. The allowance is generous: it only stops a file that would never finish.
TIMEOUT_BASE_SECONDS = 60
TIMEOUT_PER_SECOND = 10

# Constant quality, capped for streaming: a player's buffer of 2 s of the cap never starves.
_MAX_BITRATE = {720: "3000k", 480: "1500k"}
_AUDIO_BITRATE = "128k"
# The demuxer for each accepted container: ffmpeg is never left to guess one (a text file
# could otherwise be read as a playlist that makes ffmpeg open other files).
_DEMUXERS = {"video/mp4": "mov", "video/quicktime": "mov", "video/webm": "matroska"}
_NOT_A_VIDEO = "The file is not a video."
_NOT_READABLE = "The video could not be read; it may be damaged."
_NOT_CONVERTED = "The video could not be converted; it may be damaged."


class ToolMissing(RuntimeError):
    """ffmpeg or ffprobe is not installed: the machine's fault, not the file's."""


@dataclass(frozen=True)
class VideoInfo:
    """What ffprobe says of a video: its shown size (rotation applied) and its streams."""

    container: str  # the content type its magic bytes say
    duration: float
    width: int
    height: int
    video_codec: str
    audio_codec: str | None
    fps: float
    video_stream: int
    audio_stream: int | None


@dataclass(frozen=True)
class Transcoded:
    """What ``transcode`` wrote: the files to show, and the HLS segments behind the playlist."""

    duration: float
    width: int
    height: int
    has_audio: bool
    outputs: list[MediaFile]  # the MP4s (largest first), the HLS playlist, the poster
    segments: list[MediaFile] = field(default_factory=list)

    @property
    def files(self) -> list[MediaFile]:
        """Every file written, each to be stored."""
        return [*self.outputs, *self.segments]


def probe(path: Path) -> VideoInfo:
    """What the video at ``path`` is; MediaRejected if it is not one we can convert."""
    with path.open("rb") as file:
        container = sniff(file.read(SNIFF_BYTES))
    if container not in _DEMUXERS:
        raise MediaRejected(_NOT_A_VIDEO, f"magic bytes: {container}")
    done = _run(
        [
            _tool(FFPROBE),
            "-v", "error",
            *_input(path, container),
            "-show_format",
            "-show_streams",
            "-of", "json",
        ],
        PROBE_TIMEOUT_SECONDS,
        _NOT_READABLE,
    )  # fmt: skip
    try:
        report = json.loads(done.stdout)
    except ValueError as e:
        raise MediaRejected(_NOT_READABLE, str(e)) from e
    if _float(report.get("format", {}).get("duration")) is None:
        # A browser's recording (MediaRecorder's WebM) says no duration: its packets do.
        report.setdefault("format", {})["duration"] = _last_packet_end(path, container)
    return _video_info(report, container)


def transcode(path: Path, out_dir: Path, info: VideoInfo | None = None) -> Transcoded:
    """Write the MP4s, the HLS rendition and the poster of the video at ``path`` to ``out_dir``."""
    info = info or probe(path)
    sizes = rendition_sizes(info.width, info.height)
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = TIMEOUT_BASE_SECONDS + TIMEOUT_PER_SECOND * info.duration
    mp4s = [out_dir / f"{min(size)}p.mp4" for size in sizes]
    _run(_mp4_command(path, info, sizes, mp4s), timeout, _NOT_CONVERTED)
    top, (width, height) = mp4s[0], sizes[0]

    hls = out_dir / "hls"
    hls.mkdir(exist_ok=True)
    playlist = hls / "index.m3u8"
    _run(
        [
            _tool(FFMPEG), *_QUIET,
            *_input(top, "video/mp4"),
            "-map", "0", "-c", "copy", "-map_metadata", "-1",
            "-f", "hls",
            "-hls_time", str(SEGMENT_SECONDS),
            "-hls_playlist_type", "vod",
            "-hls_flags", "independent_segments",
            "-hls_segment_filename", str(hls / "segment-%03d.ts"),
            str(playlist),
        ],
        timeout,
        _NOT_CONVERTED,
    )  # fmt: skip

    poster = out_dir / "poster.jpg"
    at = POSTER_AT_SECONDS if info.duration >= 2 * POSTER_AT_SECONDS else info.duration / 2
    _run(
        [
            _tool(FFMPEG), *_QUIET,
            "-ss", f"{at:.3f}",
            *_input(top, "video/mp4"),
            "-map", "0:v:0", "-frames:v", "1", "-q:v", "3", "-update", "1",
            "-map_metadata", "-1",
            str(poster),
        ],
        timeout,
        _NOT_CONVERTED,
    )  # fmt: skip

    def described(file: Path, content_type: str, size: tuple[int, int] | None) -> MediaFile:
        width, height = size or (None, None)
        name = file.relative_to(out_dir).as_posix()
        return MediaFile(name, content_type, file.stat().st_size, width, height)

    outputs = [described(mp4, "video/mp4", size) for mp4, size in zip(mp4s, sizes, strict=True)]
    outputs.append(described(playlist, "application/vnd.apple.mpegurl", (width, height)))
    outputs.append(described(poster, "image/jpeg", (width, height)))
    segments = [described(s, "video/mp2t", (width, height)) for s in sorted(hls.glob("*.ts"))]
    return Transcoded(
        info.duration, width, height, info.audio_stream is not None, outputs, segments
    )


def rendition_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The (width, height) of each MP4 made from a video this size, largest first."""
    short = min(width, height)
    targets = [min(HEIGHTS[0], short)]
    targets += [h for h in HEIGHTS[1:] if h < short and h != targets[0]]
    sizes = []
    for target in targets:
        scale = target / short
        sizes.append((_even(width * scale, width), _even(height * scale, height)))
    return sizes


_QUIET = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"]


def _mp4_command(
    source: Path, info: VideoInfo, sizes: list[tuple[int, int]], outputs: list[Path]
) -> list[str]:
    fps = min(info.fps, MAX_FPS) if info.fps > 0 else MAX_FPS
    keyframe_every = max(1, round(fps * SEGMENT_SECONDS))
    chain = f"[0:{info.video_stream}]" + (f"fps={MAX_FPS}," if info.fps > MAX_FPS else "")
    labels = [f"v{i}" for i in range(len(sizes))]
    if len(sizes) == 1:
        graph = f"{chain}scale={sizes[0][0]}:{sizes[0][1]},setsar=1[{labels[0]}]"
    else:
        split = "".join(f"[s{i}]" for i in range(len(sizes)))
        scales = ";".join(
            f"[s{i}]scale={w}:{h},setsar=1[{labels[i]}]" for i, (w, h) in enumerate(sizes)
        )
        graph = f"{chain}split={len(sizes)}{split};{scales}"
    command = [_tool(FFMPEG), *_QUIET, *_input(source, info.container), "-filter_complex", graph]
    for label, (width, height), output in zip(labels, sizes, outputs, strict=True):
        rate = _MAX_BITRATE.get(min(width, height), _MAX_BITRATE[HEIGHTS[-1]])
        command += [
            "-map", f"[{label}]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-maxrate", rate, "-bufsize", f"{2 * int(rate[:-1])}k",
            "-profile:v", "high", "-pix_fmt", "yuv420p",
            # A keyframe every SEGMENT_SECONDS exactly, and no others, so that HLS segments
            # are cut at the same length (by time, for variable frame rate phone videos too).
            "-g", str(keyframe_every), "-sc_threshold", "0",
            "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
        ]  # fmt: skip
        if info.audio_stream is not None:
            command += ["-map", f"0:{info.audio_stream}", "-c:a", "aac", "-b:a", _AUDIO_BITRATE]
            command += ["-ac", "2"]
        command += ["-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart"]
        command.append(str(output))
    return command


def _input(path: Path, container: str) -> list[str]:
    return ["-protocol_whitelist", "file", "-f", _DEMUXERS[container], "-i", str(path)]


def _last_packet_end(path: Path, container: str) -> float | None:
    done = _run(
        [
            _tool(FFPROBE),
            "-v", "error",
            *_input(path, container),
            "-select_streams", "V:0",
            "-show_entries", "packet=pts_time,duration_time",
            "-of", "csv=p=0",
        ],
        PROBE_TIMEOUT_SECONDS,
        _NOT_READABLE,
    )  # fmt: skip
    ends = []
    for line in done.stdout.decode(errors="replace").splitlines():
        start, _, length = line.partition(",")
        if (at := _float(start)) is not None:
            ends.append(at + (_float(length) or 0))
    return max(ends, default=None)


def _video_info(report: dict[str, Any], container: str) -> VideoInfo:
    streams = report.get("streams", [])
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    if not videos:
        raise MediaRejected("The file has no picture: it is not a video.", "no video stream")
    video = videos[0]
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if width < 2 or height < 2:
        raise MediaRejected(_NOT_READABLE, f"video size {width}x{height}")
    aspect = _fraction(video.get("sample_aspect_ratio"))
    if aspect and aspect != 1:
        width = round(width * aspect)  # non-square pixels: shown wider or narrower
    if _rotation(video) % 180 == 90:
        width, height = height, width
    duration = _float(report.get("format", {}).get("duration")) or _float(video.get("duration"))
    if not duration or duration <= 0:
        raise MediaRejected(_NOT_READABLE, "no duration")
    check_duration(duration)  # before converting: locally that is what a long one costs
    fps = _fraction(video.get("avg_frame_rate")) or _fraction(video.get("r_frame_rate"))
    return VideoInfo(
        container=container,
        duration=duration,
        width=width,
        height=height,
        video_codec=str(video.get("codec_name", "unknown")),
        audio_codec=str(audio.get("codec_name", "unknown")) if audio else None,
        fps=float(fps or 0),
        video_stream=int(video["index"]),
        audio_stream=int(audio["index"]) if audio else None,
    )


def _rotation(stream: dict[str, Any]) -> int:
    for side_data in stream.get("side_data_list", []):
        if "rotation" in side_data:
            return int(float(side_data["rotation"]))
    return int(_float(stream.get("tags", {}).get("rotate")) or 0)


def _fraction(value: object) -> Fraction | None:
    if not isinstance(value, str) or value in {"0/0", "0:1", "N/A"}:
        return None
    try:
        fraction = Fraction(value.replace(":", "/"))
    except (ValueError, ZeroDivisionError):
        return None
    return fraction if fraction > 0 else None


def _float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _even(value: float, most: int) -> int:
    """The even number of pixels nearest ``value``, halves up, but never more than ``most``."""
    nearest = int(value / 2 + 0.5) * 2  # round() would take 426.5 to 426, not 427
    return max(2, min(nearest, most - most % 2))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} is not installed (apt-get install ffmpeg)")
    return found


def _run(command: list[str], timeout: float, reason: str) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(  # noqa: S603  (a fixed tool, no shell, arguments as a list)
            command, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise MediaRejected(
            "The video took too long to convert.", f"{Path(command[0]).name}: {timeout:.0f} s"
        ) from e
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        raise MediaRejected(reason, f"{Path(command[0]).name}: {' | '.join(said[-5:])}")
    return done
