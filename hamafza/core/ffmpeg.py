"""ffprobe and ffmpeg (Debian's `ffmpeg` package): what a video file holds, and a poster frame.

Both run as subprocesses with a time limit on a local file; nothing here knows about items."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

PROBE_SECONDS = 30
POSTER_SECONDS = 120
POSTER_WIDTH = 1280


class ProbeError(Exception):
    """The file could not be read as a video (or ffprobe is missing)."""


@dataclass(frozen=True)
class Probe:
    format_names: tuple[str, ...]  # ffprobe's «format_name», split («mov,mp4,m4a,…»)
    duration: float  # seconds
    video_codec: str  # "" when the file has no video stream
    width: int
    height: int


def available() -> bool:
    return bool(shutil.which("ffprobe") and shutil.which("ffmpeg"))


def probe(path: str) -> Probe:
    """What the file at `path` holds: container, duration, first video stream."""
    command = [
        "ffprobe", "-v", "error", "-print_format", "json", "-show_entries",
        "format=format_name,duration:stream=codec_type,codec_name,width,height,duration", path,
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(str(exc)) from None
    if done.returncode != 0:
        raise ProbeError(done.stderr.decode(errors="replace")[:300])
    try:
        data = json.loads(done.stdout or b"{}")
    except ValueError:
        raise ProbeError("unreadable ffprobe output") from None
    fmt = data.get("format") or {}
    video = next((s for s in data.get("streams") or [] if s.get("codec_type") == "video"), {})
    duration = _number(fmt.get("duration")) or _number(video.get("duration"))
    return Probe(
        format_names=tuple(n for n in str(fmt.get("format_name") or "").split(",") if n),
        duration=duration, video_codec=str(video.get("codec_name") or ""),
        width=int(video.get("width") or 0), height=int(video.get("height") or 0),
    )


def _number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if number == number and number > 0 else 0.0  # NaN and negatives → 0


def poster_frame(path: str, duration: float) -> bytes:
    """A JPEG of the frame about a second in (or at a tenth of a short video), at most
    POSTER_WIDTH wide."""
    at = min(1.0, duration / 10) if duration else 0.0
    command = [
        "ffmpeg", "-v", "error", "-nostdin", "-ss", f"{at:.2f}", "-i", path, "-frames:v", "1",
        "-vf", f"scale='min({POSTER_WIDTH},iw)':-2", "-f", "image2", "-c:v", "mjpeg", "-q:v", "3", "pipe:1",
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=POSTER_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(str(exc)) from None
    if done.returncode != 0 or not done.stdout.startswith(b"\xff\xd8"):
        raise ProbeError(done.stderr.decode(errors="replace")[:300] or "no frame")
    return done.stdout


@contextlib.contextmanager
def local_path(upload):
    """A path on disk holding the upload's bytes: Django's temporary file when it has one, else a
    temporary copy (removed afterwards)."""
    path = getattr(upload, "temporary_file_path", None)
    if callable(path):
        yield path()
        return
    with tempfile.NamedTemporaryFile(suffix=".video") as tmp:
        upload.seek(0)
        shutil.copyfileobj(upload, tmp, 1024 * 1024)
        tmp.flush()
        upload.seek(0)
        yield tmp.name


@contextlib.contextmanager
def stored_path(storage, name: str):
    """A local path of a stored file: the file itself on a local disk, else a temporary copy."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with storage.open(name, "rb") as fh, tempfile.NamedTemporaryFile(suffix=".video") as tmp:
        shutil.copyfileobj(fh, tmp, 1024 * 1024)
        tmp.flush()
        yield tmp.name
