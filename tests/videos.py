"""Small real videos for tests, made once per run with Debian's ffmpeg (lavfi test sources)."""

from __future__ import annotations

import functools
import pathlib
import subprocess
import tempfile

_ARGS = {
    "mp4": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
    "webm": ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"],
    "mkv": ["-c:v", "mpeg4"],
}


@functools.cache
def clip(seconds: float = 3, fmt: str = "mp4", size: str = "160x120", rate: int = 10) -> bytes:
    """A video of `seconds` of ffmpeg's test pattern."""
    with tempfile.TemporaryDirectory() as folder:
        out = pathlib.Path(folder) / f"clip.{fmt}"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate={rate}",
             *_ARGS[fmt], str(out)], check=True, timeout=60,
        )
        return out.read_bytes()


@functools.cache
def audio_only_mp4() -> bytes:
    """An MP4 container (ftyp, as M4A is) with sound and no picture."""
    with tempfile.TemporaryDirectory() as folder:
        out = pathlib.Path(folder) / "sound.m4a"
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", str(out)],
                       check=True, timeout=60)
        return out.read_bytes()


def padded(data: bytes, total: int) -> bytes:
    """`data` followed by zeros up to `total` bytes (a file over a size limit)."""
    return data + b"\x00" * max(0, total - len(data))
