import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from hamafza.distribution import unchecked
from hamafza.distribution.models import Channel, ChannelDefault
from hamafza.newsroom.models import GalleryImage, Image

from tests.fakes.messengers import FakeBotServer, FakeRubikaServer

GOOD_TOKEN = "123:GOOD"


@pytest.fixture
def bot():
    server = FakeBotServer(tokens=(GOOD_TOKEN,), hang_seconds=2.0).start()
    yield server
    server.stop()


RUBIKA_TOKEN = "RUBIKAGOODTOKEN0123456789abcdef"


@pytest.fixture
def rubika():
    """A fake that speaks Rubika's Bot API (and the Bot API shape too)."""
    server = FakeRubikaServer(tokens=(RUBIKA_TOKEN, GOOD_TOKEN), admin_chats=("c0hzrubika", "@hz_test"),
                              member_chats=("c0notadmin",), hang_seconds=2.0).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fast_distribution(settings, request):
    """Limits and back-off scaled down, base URLs pointed at the fake (if a test uses it)."""
    base = "http://127.0.0.1:9"
    for name in ("bot", "rubika"):
        if name in request.fixturenames:
            base = request.getfixturevalue(name).url
    settings.DISTRIBUTION = {
        "TELEGRAM_BASE_URL": base, "BALE_BASE_URL": base, "EITAA_BASE_URL": base, "RUBIKA_BASE_URL": f"{base}/v3",
        "CONNECT_TIMEOUT": 1.0, "READ_TIMEOUT": 0.5, "CHAT_INTERVAL": 0.0, "TOKEN_INTERVAL": 0.0,
        "BACKOFF_BASE": 0.01, "BACKOFF_MAX": 0.05, "SENDING_STALE_AFTER": 1.0, "KICK_ON_COMMIT": False,
        "DRAIN_SECONDS": 5.0,
        # Sending threads open their own connections, which do not see a test's uncommitted
        # rows: tests of concurrent sending use transactional_db and set it themselves.
        "SEND_CONCURRENCY": 1,
    }


def make_channel(agency=None, *, kind="telegram", chat_id="@hz_test", token=GOOD_TOKEN, default=True, council=None,
                 name=None, **fields) -> Channel:
    channel = Channel(agency=agency, council=council, kind=kind, chat_id=chat_id, name=name or f"{kind} {chat_id}", **fields)
    return unchecked.store_channel(channel, token=token, default_for_agency=default if agency else None)


def jpeg(size=(64, 48), color=(20, 120, 90)) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def make_image(agency, name="photo.jpg") -> Image:
    return Image.objects.create(agency=agency, file=ContentFile(jpeg(), name=name), caption="تصویر")


def add_gallery(item, agency, count=2):
    for n in range(count):
        GalleryImage.objects.create(item=item, image=make_image(agency, f"g{n}.jpg"), order=n)


@pytest.fixture
def clock(time_machine):
    """Time that runs, and that a test can shift forward."""
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=True)
    return time_machine


@pytest.fixture
def channel(world):
    return make_channel(world["A"])


__all__ = ["ChannelDefault", "make_channel", "make_image", "add_gallery", "jpeg"]
