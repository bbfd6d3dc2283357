"""Local video processing: what the media worker spends on a 30-second 720p upload.

Run: .venv/bin/python bench/transcode.py [--seconds 30] [--size 1280x720] [--runs 1]
Makes the source with ffmpeg's lavfi test sources (testsrc2 and a sine tone, H.264/AAC) in a
temporary directory, stores it as an upload's original in local media storage, then has the
media function's processor (``FfmpegMediaProcessor``) process it in a fresh Python process,
the worker: the check of its first bytes, the copy to a scratch directory, ffprobe, the 720p
and 480p MP4s in one ffmpeg run, the HLS cut, the poster, and storing every file.

Prints the wall-clock seconds of processing and the seconds of processing per second of
video, then the worker's peak memory three ways:
- its Python process alone (``getrusage(RUSAGE_SELF).ru_maxrss``);
- the largest of its ffprobe/ffmpeg children (``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the
  peak of the single largest child, not a sum; they run one after another);
- the peak of the sum of the worker's RSS and its children's, read from /proc every 20 ms
  while it runs: what the machine must hold at once, and the figure to size a worker by.
Then the files it wrote, and the machine's CPU count (ffmpeg uses every core).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from slsplay.adapters.clock import SystemClock
from slsplay.adapters.local.file_media import FileMediaStorage
from slsplay.adapters.media_processing import FfmpegMediaProcessor
from slsplay.domain.media import Media, MediaKind

SAMPLE_SECONDS = 0.02


def make_source(path: Path, seconds: int, size: str) -> None:
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30:duration={seconds}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-b:v", "5M",
        "-c:a", "aac", "-b:a", "128k", "-shortest", str(path),
    ]  # fmt: skip
    subprocess.run(command, check=True)  # noqa: S603  (our own arguments, no shell)


def worker(source: Path, out_dir: Path) -> None:
    """The measured part, in its own process: its rusage holds nothing but the processing."""
    storage = FileMediaStorage(out_dir, "http://127.0.0.1:8000", b"x" * 32, SystemClock())
    media = Media.request(
        media_id="bench",
        meetup_id="bench",
        kind=MediaKind.VIDEO,
        content_type="video/mp4",
        size=source.stat().st_size,
        now=SystemClock().now(),
    )
    storage.put(media.upload_key, source, "video/mp4")
    started = time.perf_counter()
    result = FfmpegMediaProcessor(storage, scratch_dir=out_dir).process(media)
    seconds = time.perf_counter() - started
    stored = [storage.stat(media.key_of(r)) for r in result.renditions]
    segments = list((out_dir / media.prefix / "hls").glob("*.ts"))
    report = {
        "seconds": seconds,
        "duration": result.duration_seconds,
        "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "files": [
            (r.name, s.size if s else 0, r.width, r.height)
            for r, s in zip(result.renditions, stored, strict=True)
        ],
        "segments": len(segments),
    }
    print(json.dumps(report))


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [int(child) for child in listed]


def sample_peak(process: subprocess.Popen[str], peak: list[int]) -> None:
    """Keep in ``peak[0]`` the largest sum of the process's and its children's RSS seen."""
    while process.poll() is None:
        total = rss_kb(process.pid) + sum(rss_kb(c) for c in children(process.pid))
        peak[0] = max(peak[0], total)
        time.sleep(SAMPLE_SECONDS)


def run_once(source: Path, out_dir: Path) -> tuple[dict[str, Any], int]:
    process = subprocess.Popen(  # noqa: S603  (this script, with our interpreter)
        [sys.executable, __file__, "--worker", str(source), str(out_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    sampler = threading.Thread(target=sample_peak, args=(process, peak))
    sampler.start()
    output, _ = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"the worker failed ({process.returncode})")
    report: dict[str, Any] = json.loads(output)
    return report, peak[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(*arguments.worker)
        return
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "source.mp4"
        make_source(source, arguments.seconds, arguments.size)
        size_mb = source.stat().st_size / 1e6
        print(
            f"source: {arguments.seconds} s of {arguments.size} at 30 fps with sound "
            f"(H.264/AAC, {size_mb:.1f} MB); {os.cpu_count()} CPUs"
        )
        for run in range(arguments.runs):
            report, peak_kb = run_once(source, Path(directory) / f"out{run}")
            seconds, duration = report["seconds"], report["duration"]
            print(
                f"run {run + 1}: {seconds:.1f} s of processing, "
                f"{seconds / duration:.2f} s per second of video"
            )
            print(
                f"  peak RSS: worker's Python {report['self_kb'] // 1024} MB, "
                f"largest ffmpeg/ffprobe {report['children_kb'] // 1024} MB, "
                f"worker and children together {peak_kb // 1024} MB (sampled)"
            )
        print("files written (last run):")
        for name, size, width, height in report["files"]:
            print(f"  {name:<16} {size / 1e6:>6.2f} MB  {width}x{height}")
        print(f"  hls/segment-*.ts x{report['segments']}")


if __name__ == "__main__":
    main()
