"""Loads (and reloads) the Khuzestan demo council. The content lives in `demo.data`; items are
written through `newsroom.unchecked` (no policy and no audit: the loader is not a person), so
listing rows and portal placements come out as in production.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector, SocialAccount
from hamafza.cooperation.models import Booking
from hamafza.newsroom import unchecked
from hamafza.newsroom.models import GalleryImage, Image, NewsItem, Tag
from hamafza.persian.jalali import TEHRAN
from hamafza.persian.slugs import slugify_fa

from . import drawing
from .data import agencies as agency_data
from .data import news as news_data
from .data import people
from .data.sectors import SECTORS

SOCIAL_URLS = {
    SocialAccount.Platform.TELEGRAM: "https://t.me/{}",
    SocialAccount.Platform.BALE: "https://ble.ir/{}",
    SocialAccount.Platform.EITAA: "https://eitaa.com/{}",
}


@dataclass
class Credential:
    username: str
    password: str
    role: str
    where: str
    totp: bool


def ensure_sectors() -> dict[str, Sector]:
    """The six standard sectors, created or brought up to date (also used by `hamafza setup`)."""
    out = {}
    for order, s in enumerate(SECTORS):
        sector, _ = Sector.objects.update_or_create(
            code=s["code"], defaults={"name": s["name"], "slug": slugify_fa(s["name"]), "color": s["color"], "order": order},
        )
        out[s["code"]] = sector
    return out


def demo_totp_key(username: str) -> str:
    """A stable key per demo user, so an authenticator app keeps working across reloads."""
    return hashlib.sha1(f"hamafza-demo-totp:{username}".encode()).hexdigest()


def _demo_usernames() -> set[str]:
    names = {p[0] for p in people.AGENCY_PEOPLE} | {p[0] for p in people.COUNCIL_PEOPLE}
    return names | {people.ADMIN[0]}


def existing_credentials() -> list[Credential]:
    """The logins of the demo users already in the database (for `make run` on a loaded demo)."""
    User = get_user_model()
    creds = []
    users = User.objects.filter(username__in=_demo_usernames()).prefetch_related(
        "memberships__agency", "council_roles__council", "totpdevice_set"
    )
    for u in sorted(users, key=lambda u: (not u.is_superuser, not u.council_roles.all(), u.username)):
        if u.is_superuser:
            role, where = "مدیر سامانه (superuser)", "همه شوراها"
        elif u.council_roles.all():
            role = str(u.council_roles.all()[0].get_role_display())
            where = "، ".join(r.council.short_name for r in u.council_roles.all())
        else:
            m = u.memberships.all()[0]
            role, where = str(m.get_role_display()), m.agency.short_name
        creds.append(Credential(u.username, people.PASSWORD, role, where, bool(u.totpdevice_set.all())))
    return creds


def wipe() -> None:
    """Remove the demo's councils, agencies, items, images and users (nothing else)."""
    agency_slugs = [a["slug"] for a in agency_data.AGENCIES]
    agencies = Agency.objects.filter(slug__in=agency_slugs)
    items = NewsItem.objects.filter(Q(lead_agency__in=agencies) | Q(item_agencies__agency__in=agencies)).distinct()
    images = Image.objects.filter(agency__in=agencies)
    files = list(images.values_list("file", flat=True)) + [n for n in agencies.values_list("logo", flat=True) if n]
    GalleryImage.objects.filter(Q(item__in=items) | Q(image__in=images)).delete()
    NewsItem.objects.filter(pk__in=list(items.values_list("pk", flat=True))).delete()
    images.delete()
    # Bookings protect their resources: they go first.
    Booking.objects.filter(Q(resource__agency__in=agencies) | Q(agency__in=agencies)).delete()
    Council.objects.filter(slug__in=[c["slug"] for c in agency_data.COUNCILS]).delete()
    agencies.update(parent=None, merged_into=None)
    agencies.delete()
    get_user_model().objects.filter(username__in=_demo_usernames()).delete()  # devices and roles cascade
    demo_tags = {t for item in news_data.NEWS for t in item["tags"]}
    Tag.objects.filter(name__in=demo_tags, item_links__isnull=True).delete()
    # Files go only once the new state is committed; a failed reload keeps the old pictures.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])


def _load_agencies(sectors: dict[str, Sector]) -> dict[str, Agency]:
    out: dict[str, Agency] = {}
    for order, a in enumerate(agency_data.AGENCIES):
        agency = Agency.objects.create(
            name=a["name"], short_name=a["short_name"], slug=a["slug"], kind=a["kind"],
            parent=out[a["parent"]] if a["parent"] else None, color=a["color"], about=a["about"],
            phone=a["phone"], email=a["email"], address=a["address"], website=a["website"], order=(order + 1) * 10,
        )
        agency.sectors.set([sectors[c] for c in a["sectors"]])
        agency.logo.save(f"{a['social']}.png", ContentFile(drawing.emblem(a["color"], a["emblem"])), save=True)
        SocialAccount.objects.bulk_create(
            SocialAccount(agency=agency, platform=platform, handle=a["social"], url=url.format(a["social"]))
            for platform, url in SOCIAL_URLS.items()
        )
        out[a["key"]] = agency
    return out


def _load_councils(agencies: dict[str, Agency]) -> dict[str, Council]:
    out = {}
    for c in agency_data.COUNCILS:
        council = Council.objects.create(
            name=c["name"], short_name=c["short_name"], slug=c["slug"], region=c["region"], hostname=c["hostname"],
            head_agency=agencies[c["head"]], portal_title=c["portal_title"], portal_tagline=c["portal_tagline"],
            color=c["color"],
        )
        CouncilMembership.objects.bulk_create(
            [CouncilMembership(council=council, agency=agencies[k]) for k in c["members"]]
            + [CouncilMembership(council=council, agency=agencies[k], role=CouncilMembership.Role.OBSERVER)
               for k in c["observers"]]
        )
        out[c["key"]] = council
    return out


def _load_people(agencies: dict[str, Agency], councils: dict[str, Council]) -> tuple[list[Credential], dict]:
    User = get_user_model()
    hashed = make_password(people.PASSWORD)  # hashed once: the demo loads in seconds
    users: dict[str, object] = {}
    creds: list[Credential] = []

    def user(username: str, first: str, last: str, title: str, **extra):
        if username not in users:
            users[username] = User.objects.create(
                username=username, first_name=first, last_name=last, title=title, password=hashed,
                email=f"{username}@hamafza.example", **extra,
            )
        return users[username]

    def enrol(u) -> None:
        TOTPDevice.objects.create(user=u, name="demo", key=demo_totp_key(u.username), confirmed=True)

    admin = user(*people.ADMIN, is_staff=True, is_superuser=True)
    enrol(admin)
    creds.append(Credential(admin.username, people.PASSWORD, "مدیر سامانه (superuser)", "همه شوراها", True))
    for username, first, last, title, council_key, role in people.COUNCIL_PEOPLE:
        u = user(username, first, last, title)
        CouncilRole.objects.create(user=u, council=councils[council_key], role=role)
        two_factor = role == CouncilRole.Role.SECRETARIAT
        if two_factor:
            enrol(u)
        seen = next((c for c in creds if c.username == username), None)
        if seen:  # one person on several councils: one row
            seen.where += f"، {councils[council_key].short_name}"
        else:
            label = str(CouncilRole.Role(role).label)
            creds.append(Credential(username, people.PASSWORD, label, councils[council_key].short_name, two_factor))
    for username, first, last, title, agency_key, role in people.AGENCY_PEOPLE:
        u = user(username, first, last, title)
        Membership.objects.create(user=u, agency=agencies[agency_key], role=role)
        two_factor = role == Membership.Role.HEAD
        if two_factor:
            enrol(u)
        creds.append(Credential(username, people.PASSWORD, str(Membership.Role(role).label),
                                agencies[agency_key].short_name, two_factor))
    return creds, users


def publication_time(now: dt.datetime, days_ago: int, index: int) -> dt.datetime:
    """A Tehran daytime moment `days_ago` days before now, never in the future."""
    rng = random.Random(index)
    local_now = now.astimezone(TEHRAN)
    day = local_now.date() - dt.timedelta(days=days_ago)
    at = dt.datetime.combine(day, dt.time(rng.randint(8, 19), rng.randint(0, 59)), tzinfo=TEHRAN)
    if at > local_now:
        at = min(local_now - dt.timedelta(minutes=20 + index), at - dt.timedelta(days=1))
    return at


def _picture(agency: Agency, sector: str, seed: str, caption: str, credit: str) -> Image:
    image = Image(agency=agency, caption=caption, credit=credit, alt=drawing.SCENE_ALT.get(sector, drawing.SCENE_ALT["urban"]))
    image.file.save(f"demo-{seed}.jpg", ContentFile(drawing.illustration(sector, seed, agency.color)), save=False)
    image.width, image.height = drawing.WIDTH, drawing.HEIGHT  # the dimension fields are not filled on this path
    image.save()
    return image


def _load_news(agencies: dict[str, Agency], sectors: dict[str, Sector], users: dict) -> int:
    now = timezone.now()
    authors = {p[4]: users[p[0]] for p in people.AGENCY_PEOPLE if p[5] == "staff"}
    for index, n in enumerate(news_data.NEWS):
        lead = agencies[n["agency"]]
        seed = f"{index:03d}"
        credit = n.get("credit") or f"روابط عمومی {lead.short_name}"
        main_image = None
        if n.get("image", True):
            main_image = _picture(lead, n["sectors"][0], seed, n.get("caption") or n["title"], credit)
        item = unchecked.create_item(
            lead_agency=lead, title=n["title"], kicker=n["kicker"], lead=n["lead"],
            body="".join(f"<p>{p}</p>" for p in n["body"]),
            supporting=[agencies[k] for k in n.get("supporting", ())],
            sectors=[sectors[c] for c in n["sectors"]], tags=n["tags"], city=n["city"],
            main_image=main_image, created_by=authors.get(n["agency"]) or users.get(f"{n['agency']}-head"),
        )
        for order, caption in enumerate(n.get("gallery", ())):
            picture = _picture(lead, n["sectors"][order % len(n["sectors"])], f"{seed}-g{order}", caption, credit)
            GalleryImage.objects.create(item=item, image=picture, order=order)
        unchecked.first_revision(item, item.created_by)  # written by its agency's staff: «نسخهٔ ۱» in the editor
        status = n.get("status", "published")
        if status == "published":
            unchecked.publish_item(item, at=publication_time(now, n["days"], index))
        elif status == "submitted":
            # Waiting for the head's approval; not public, so no listing rows change.
            NewsItem.objects.filter(pk=item.pk).update(status=NewsItem.Status.SUBMITTED)
    return len(news_data.NEWS)


@transaction.atomic
def load() -> list[Credential]:
    """Wipe the demo data and load it again, all in one transaction."""
    wipe()
    sectors = ensure_sectors()
    agencies = _load_agencies(sectors)
    councils = _load_councils(agencies)
    creds, users = _load_people(agencies, councils)
    _load_news(agencies, sectors, users)
    from hamafza.council.demo import load_demo as load_council_demo

    load_council_demo(councils, agencies, users)
    from hamafza.reporting.demo import load_demo as load_reporting_demo

    load_reporting_demo(agencies, users)
    from hamafza.cooperation.demo import load_demo as load_cooperation_demo

    load_cooperation_demo(councils, agencies, users)
    from hamafza.distribution.demo import load_demo as load_distribution_demo

    load_distribution_demo(councils, agencies, users)
    from hamafza.live.demo import load_demo as load_live_demo

    load_live_demo(councils, agencies, users)
    from hamafza.scorecard.demo import load_demo as load_scorecard_demo

    load_scorecard_demo(councils, agencies, users)

    from hamafza.press.demo import load_demo as load_press_demo

    load_press_demo(councils, agencies, users)

    from hamafza.coverage.demo import load_demo as load_coverage_demo

    load_coverage_demo(councils, agencies, users)
    return creds
