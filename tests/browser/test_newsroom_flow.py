"""The newsroom end to end in Chromium: staff writes an item with an image and submits it; the
head (with two-factor sign-in) sees it on the desk and returns it with a comment; staff fixes and
resubmits; the head publishes to the agency's sandbox channel and sees the message recorded there;
the next load of the portal home shows it; another agency's staff cannot open the draft. Run at
desktop and phone size; every page the walk visits passes axe and a crawl of its links."""

import re

import pytest
from PIL import Image as PILImage

from hamafza.accounts.models import Membership
from hamafza.newsroom.models import NewsItem
from hamafza.distribution import worker
from hamafza.distribution.models import Delivery
from tests import factories
from tests.browser.a11y import check_axe, crawl_links
from tests.distribution.conftest import make_channel
from tests.personas import PASSWORD, add_device, current_code, make_user

pytestmark = pytest.mark.browser
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
TITLE = "آغاز عملیات بهسازی محور اهواز ـ خرمشهر با همکاری راهداری"


@pytest.fixture
def newsroom(transactional_db, settings):
    settings.DISTRIBUTION = {"CHAT_INTERVAL": 0.0, "TOKEN_INTERVAL": 0.0, "KICK_ON_COMMIT": False, "SEND_CONCURRENCY": 1}
    sectors = factories.make_sectors()
    head = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی", sectors=[sectors["urban"]])
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری", slug="راهداری", sectors=[sectors["road"]])
    factories.make_council(head, [road])
    factories.make_item(head, title="خبر منتشرشدهٔ پیشین دربارهٔ طرح زمستانی")

    def member(username, agency, role):
        user = make_user(username, first_name={"staff": "علی", "head": "نرگس", "other": "زهرا"}[username.split("-")[0]],
                         last_name={"staff": "عساکره", "head": "موسوی", "other": "نیسی"}[username.split("-")[0]])
        Membership.objects.create(user=user, agency=agency, role=role)
        return user

    staff = member("staff-a", head, Membership.Role.STAFF)
    boss = member("head-a", head, Membership.Role.HEAD)
    other = member("other-b", road, Membership.Role.STAFF)
    sandbox = make_channel(head, kind="sandbox", chat_id="", token="", sandbox_platform="bale", name="کانال آزمایشی بله")
    return {"staff": staff, "head": boss, "device": add_device(boss), "other": other, "agency": head, "road": road,
            "sandbox": sandbox}


def photo(tmp_path):
    image = PILImage.new("RGB", (1600, 1000))
    for x in range(0, 1600, 40):
        for y in range(0, 1000, 40):
            image.paste(((x * 7) % 200 + 30, (y * 3) % 180 + 40, 140), (x, y, x + 40, y + 40))
    path = tmp_path / "عکس-بازدید.jpg"
    image.save(path, "JPEG", quality=85)
    return path


def sign_in(page, user, next_url, code=None):
    page.goto(f"/accounts/sign-in/?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if code is not None:
        page.wait_for_selector("input[name=code]")
        page.fill("input[name=code]", code())
        page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_url.split("?")[0])))


def wait_saved(page):
    page.wait_for_function("() => /ذخیره شد ساعت/.test(document.querySelector('#save-state').textContent)")



def submit(page) -> None:
    """Submit for approval; when the Persian text check still has suggestions, the editor warns
    first and the author sends anyway."""
    page.get_by_role("button", name="ارسال برای تأیید").click()
    sent = page.get_by_text("خبر برای تأیید مدیر فرستاده شد")
    anyway = page.get_by_role("button", name="ارسال در هر حال")
    sent.or_(anyway).first.wait_for()
    if anyway.count():
        anyway.click()
    sent.wait_for()

@pytest.mark.parametrize("size", VIEWPORTS)
def test_newsroom_flow(page, browser, live_server, newsroom, screenshot, tmp_path, size):
    staff, head, other = newsroom["staff"], newsroom["head"], newsroom["other"]
    head_code = lambda: current_code(newsroom["device"])  # noqa: E731
    page.set_viewport_size(VIEWPORTS[size])

    def person_page():
        """Each person in a browser of their own, as in an office."""
        context = browser.new_context(base_url=live_server.url, locale="fa-IR", timezone_id="Asia/Tehran",
                                      viewport=VIEWPORTS[size])
        p = context.new_page()
        p.set_default_timeout(15_000)
        return p

    def step(p, name):
        """A page of the walk: zero serious/critical axe findings, every link 2xx, a screenshot."""
        check_axe(p, f"newsroom {size} {name}")
        crawl_links(p, f"newsroom {size} {name}")
        screenshot(p, f"newsroom-{size}-{name}")

    head_page, other_page = person_page(), person_page()

    # Staff writes a draft with an image.
    sign_in(page, staff, "/workspace/news/new/")
    page.fill("input[name=title]", "عنوان اولیه")
    page.get_by_role("button", name="ساختن پیش‌نویس").click()
    page.wait_for_url(re.compile(r"/workspace/news/\d+/$"))
    item_url = page.url
    item_id = int(re.search(r"/news/(\d+)/", item_url).group(1))
    page.fill("textarea[name=title]", TITLE)
    page.fill("input[name=kicker]", "با حضور مدیرکل راه و شهرسازی")
    page.fill("textarea[name=lead]", "عملیات بهسازی ۴۰ کیلومتر از محور اهواز ـ خرمشهر امروز آغاز شد.")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("این طرح با اعتباری معادل ۲۰۰ میلیارد ریال اجرا می‌شود.")
    page.get_by_role("button", name="بارگذاری تصویر").click()
    page.wait_for_selector("#media-dialog input[type=file]")
    page.set_input_files("#media-dialog input[type=file]", str(photo(tmp_path)))
    page.fill("#media-dialog input[name=caption]", "بازدید مدیرکل از کارگاه بهسازی")
    page.fill("#media-dialog input[name=credit]", "روابط عمومی راه و شهرسازی")
    page.locator("#media-dialog button[type=submit]").click()
    page.wait_for_selector("#main-image-preview img")
    page.locator("label.chip", has_text="راهداری").click()
    wait_saved(page)
    page.wait_for_timeout(3500)  # one more autosave tick carries the image and the agency
    wait_saved(page)
    item = NewsItem.objects.get(pk=item_id)
    assert item.title == TITLE and item.main_image is not None
    assert "۲۰۰ میلیارد" in item.body
    page.evaluate("window.scrollTo(0, 0)")
    assert page.locator(".prose-menubar").inner_text().find("Heading") == -1
    step(page, "editor")
    submit(page)

    # Another agency's staff cannot open the draft.
    sign_in(other_page, other, "/workspace/news/")
    response = other_page.goto(item_url)
    assert response.status == 404
    assert TITLE not in other_page.content()
    other_page.context.close()

    # The head signs in with the second factor, finds it on the desk, returns it.
    sign_in(head_page, head, "/workspace/", code=head_code)
    desk = head_page.locator("#section-approval")
    assert TITLE in desk.inner_text()
    step(head_page, "desk")
    head_page.goto(item_url)
    step(head_page, "review")
    head_page.locator("summary", has_text="بازگرداندن برای اصلاح").click()
    head_page.fill("textarea[name=comment]", "لطفاً نام پیمانکار و زمان پایان کار را بیفزایید.")
    head_page.get_by_role("button", name="بازگرداندن به نویسنده").click()
    head_page.wait_for_selector("text=خبر با توضیح شما به نویسنده برگشت")
    assert NewsItem.objects.get(pk=item_id).status == NewsItem.Status.RETURNED

    # Staff fixes and resubmits.
    page.goto(item_url)
    assert "نام پیمانکار" in page.locator("main").inner_text()
    screenshot(page, f"newsroom-{size}-returned")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" پیمانکار طرح شرکت راه‌سازان جنوب است و کار تا پایان اسفند ۱۴۰۵ تمام می‌شود.")
    submit(page)
    item = NewsItem.objects.get(pk=item_id)
    assert item.status == NewsItem.Status.SUBMITTED and "راه‌سازان جنوب" in item.body

    # The head publishes; the portal home shows it on the next load.
    head_page.goto("/")  # load the home once before publication: a stale cache would keep this
    assert TITLE not in head_page.content()
    head_page.goto(item_url)
    head_page.get_by_role("button", name="تأیید و انتشار").click()
    head_page.wait_for_selector("text=خبر منتشر شد")
    head_page.goto("/")
    assert TITLE in head_page.locator("main").inner_text()
    step(head_page, "portal-home")

    # The agency's sandbox channel records what the platform would have received.
    worker.send_due(20)
    assert Delivery.objects.get(item_id=item_id, channel=newsroom["sandbox"]).state == Delivery.State.SENT
    head_page.goto(f"/workspace/distribution/channels/{newsroom['sandbox'].pk}/sandbox/")
    assert TITLE in head_page.locator(".sandbox-bale").inner_text()
    step(head_page, "sandbox")
    head_page.context.close()

    # Screenshots of the list and the media library.
    page.goto("/workspace/news/")
    page.type("input[name=since]", "۱۴۰۴/۱۲/۳۰")  # Esfand 1404 has 29 days
    assert page.locator(".date-hint").first.inner_text() == "این روز در تقویم شمسی وجود ندارد."
    page.fill("input[name=since]", "")
    page.type("input[name=since]", "۱۴۰۵/۰۹/۱۱")
    assert page.locator(".date-hint").first.inner_text() == "چهارشنبه ۱۱ آذر ۱۴۰۵"
    page.fill("input[name=since]", "")
    step(page, "list")
    page.goto("/workspace/media/")
    assert "بازدید مدیرکل از کارگاه بهسازی" in page.content()
    step(page, "media-library")


def test_a_closed_tab_loses_nothing(page, newsroom):
    """Text typed just before the tab closed (before the next autosave) is offered back on the
    next visit from the browser's copy, and restoring it saves it on the server."""
    staff = newsroom["staff"]
    sign_in(page, staff, "/workspace/news/new/")
    page.fill("input[name=title]", "خبر آزمون بستن ناگهانی برگه")
    page.get_by_role("button", name="ساختن پیش‌نویس").click()
    page.wait_for_url(re.compile(r"/workspace/news/\d+/$"))
    url = page.url
    item_id = int(re.search(r"/news/(\d+)/", url).group(1))
    page.wait_for_timeout(1000)
    page.fill("textarea[name=lead]", "این جمله پیش از ذخیرهٔ خودکار نوشته شد.")
    page.close(run_before_unload=False)  # like a crash: no chance to save
    assert NewsItem.objects.get(pk=item_id).lead == ""
    again = page.context.new_page()
    again.goto(url)
    banner = again.locator("#restore-banner")
    banner.wait_for(state="visible")
    banner.get_by_role("button", name="بازگردانی آن").click()
    again.wait_for_load_state("load")
    again.wait_for_function("() => document.querySelector('textarea[name=lead]').value.includes('پیش از ذخیرهٔ خودکار')")
    assert NewsItem.objects.get(pk=item_id).lead == "این جمله پیش از ذخیرهٔ خودکار نوشته شد."
