import datetime as dt

from django.http import HttpRequest
from ninja import Field, Schema

from hamafza.agencies.registry import AgencyInfo, Registry
from hamafza.newsroom.models import Attachment, Image, NewsItem, Tag
from hamafza.persian.jalali import iso_jalali

from ..links import article_url, media_url, short_url
from .agencies import SectorOut


class AgencyRefOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str

    @classmethod
    def from_info(cls, info: AgencyInfo) -> "AgencyRefOut":
        return cls(id=info.id, slug=info.slug, name=info.name, short_name=info.short_name)


class ImageOut(Schema):
    url: str
    width: int
    height: int
    caption: str
    credit: str
    alt: str

    @classmethod
    def from_image(cls, image: Image, request: HttpRequest) -> "ImageOut":
        return cls(
            url=media_url(request, image.file.name) or "",
            width=image.width, height=image.height,
            caption=image.caption, credit=image.credit, alt=image.alt,
        )


class NewsSummaryOut(Schema):
    id: int
    slug: str
    kicker: str
    title: str
    lead: str
    city: str
    kind: str = Field(description="news, photo_report (گزارش تصویری) or video_report (گزارش ویدیویی)")
    published_at: dt.datetime = Field(description="ISO 8601")
    published_at_jalali: str = Field(description="Jalali, Tehran time: 1405-09-05T14:30:00+03:30")
    lead_agency: AgencyRefOut | None
    main_image: ImageOut | None
    url: str = Field(description="canonical page on the council's portal")
    short_url: str

    @classmethod
    def fields_of(cls, item: NewsItem, registry: Registry, request: HttpRequest) -> dict:
        lead = registry.agencies.get(item.lead_agency_id)
        return {
            "id": item.pk,
            "slug": item.slug,
            "kicker": item.kicker,
            "title": item.title,
            "lead": item.lead,
            "city": item.city,
            "kind": item.kind,
            "published_at": item.published_at,
            "published_at_jalali": iso_jalali(item.published_at),
            "lead_agency": AgencyRefOut.from_info(lead) if lead else None,
            "main_image": ImageOut.from_image(item.main_image, request) if item.main_image else None,
            "url": article_url(request, item.pk, item.slug),
            "short_url": short_url(request, item.pk),
        }

    @classmethod
    def from_item(cls, item: NewsItem, registry: Registry, request: HttpRequest) -> "NewsSummaryOut":
        return cls(**cls.fields_of(item, registry, request))


class NewsPageOut(Schema):
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, null on the last")
    previous: str | None
    results: list[NewsSummaryOut]


class AttachmentOut(Schema):
    title: str
    url: str
    size: int

    @classmethod
    def from_attachment(cls, attachment: Attachment, request: HttpRequest) -> "AttachmentOut":
        return cls(title=attachment.title, url=media_url(request, attachment.file.name) or "", size=attachment.size)


class TagOut(Schema):
    slug: str
    name: str

    @classmethod
    def from_tag(cls, tag: Tag) -> "TagOut":
        return cls(slug=tag.slug, name=tag.name)


class VideoOut(Schema):
    url: str
    poster_url: str | None
    content_type: str
    duration_seconds: int
    width: int
    height: int

    @classmethod
    def from_video(cls, video, request: HttpRequest) -> "VideoOut":
        return cls(
            url=media_url(request, video.file.name) or "",
            poster_url=media_url(request, video.poster.name) if video.poster else None,
            content_type=video.content_type, duration_seconds=round(video.duration),
            width=video.width, height=video.height,
        )


class NewsDetailOut(NewsSummaryOut):
    body: str = Field(description="sanitized HTML")
    video: VideoOut | None = Field(None, description="the item's uploaded video (MP4 or WebM) and its poster")
    aparat_url: str = Field("", description="the item's video on Aparat (https://www.aparat.com/v/…), if any")
    gallery: list[ImageOut]
    attachments: list[AttachmentOut]
    tags: list[TagOut]
    sectors: list[SectorOut]
    supporting_agencies: list[AgencyRefOut]
