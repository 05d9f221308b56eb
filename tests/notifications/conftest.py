import pytest

from hamafza.notifications import actions
from tests.fakes.kavenegar import FakeKavenegar
from tests.fakes.messengers import FakeBotServer

NOTICE_TOKEN = "777:NOTICEBOTTOKENSECRET"
KAVE_KEY = "KAVE-KEY-0123456789"


@pytest.fixture
def bale():
    server = FakeBotServer(tokens=(NOTICE_TOKEN, "888:OTHERCOUNCILBOT"), admin_chats=()).start()
    yield server
    server.stop()


@pytest.fixture
def kave():
    server = FakeKavenegar(api_key=KAVE_KEY, dead={"09120000000"}).start()
    yield server
    server.stop()


@pytest.fixture
def notice_conf(settings, bale, kave):
    settings.NOTICES = {"BALE_BASE_URL": bale.url, "KAVENEGAR_BASE_URL": kave.url, "BACKOFF": 0.0, "TIMEOUT": 3.0}
    return settings.NOTICES


@pytest.fixture
def notice_bot(personas, notice_conf):
    """The world council's notice bot and SMS gateway, set in the back office."""
    return actions.do_configure(personas.admin, personas.council.pk, bale_username="hz_notice_bot",
                                bale_token=NOTICE_TOKEN, sms_api_key=KAVE_KEY, sms_sender="10004346")
