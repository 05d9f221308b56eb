"""How long the checks of a video upload and its poster take (ffprobe, ffmpeg) on this machine.

    .venv/bin/python bench/video_bench.py [--seconds 60] [--size 1280x720]

Makes a clip with ffmpeg's test source (H.264, 30 fps) in bench/out/, then times, five runs each:
the container sniff + ffprobe of core/uploads.check_video (what the upload request waits for)
and the poster frame of core/ffmpeg.poster_frame (the background task). Prints median ms."""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from hamafza.core import ffmpeg, uploads

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    clip = out / f"clip-{args.seconds}s-{args.size}.mp4"
    if not clip.exists():
        started = time.perf_counter()
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=duration={args.seconds}:size={args.size}:rate=30", "-c:v", "libx264",
                        "-preset", "veryfast", "-pix_fmt", "yuv420p", "-b:v", "4M", str(clip)], check=True)
        print(f"made {clip.name} in {time.perf_counter() - started:.1f} s")
    size = clip.stat().st_size
    checks, posters = [], []
    for _ in range(5):
        upload = TemporaryUploadedFile("clip.mp4", "video/mp4", size, None)
        with open(clip, "rb") as fh:
            upload.file.write(fh.read())
        upload.file.flush()
        started = time.perf_counter()
        facts = uploads.check_video(upload, max_bytes=500 * uploads.MB, max_seconds=3600)
        checks.append((time.perf_counter() - started) * 1000)
        upload.close()
        started = time.perf_counter()
        frame = ffmpeg.poster_frame(str(clip), facts.duration)
        posters.append((time.perf_counter() - started) * 1000)
    print(f"video: {size / uploads.MB:.1f} MB, {facts.duration:.0f} s, {facts.width}x{facts.height}")
    print(f"check_video (sniff + ffprobe): median {statistics.median(checks):.0f} ms (min {min(checks):.0f}, max {max(checks):.0f})")
    print(f"poster_frame (ffmpeg):          median {statistics.median(posters):.0f} ms (min {min(posters):.0f}, max {max(posters):.0f}), "
          f"{len(frame) // 1024} KB JPEG")


if __name__ == "__main__":
    main()
