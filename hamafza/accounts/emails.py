"""Every e-mail the product sends goes through `send_templated_email`: a template triplet
`<name>_subject.txt`, `<name>.txt` and `<name>.html` under templates/emails/."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from hamafza.agencies.registry import get_registry
from hamafza.core.urls import site_url


def agency_site_url(agency_id: int) -> str:
    """The configured address for links about an agency: the host name of a council it sits on,
    else HAMAFZA_SITE_URL — never the Host header of the request that caused the e-mail."""
    for council in get_registry().councils.values():
        if council.hostname and (agency_id in council.member_ids or agency_id == council.head_agency_id):
            return site_url(council.hostname)
    return site_url()


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    text = render_to_string(f"emails/{name}.txt", context)
    html = render_to_string(f"emails/{name}.html", context)
    return subject, text, html


def send_templated_email(name: str, to: Sequence[str], context: dict, *, from_email: str | None = None) -> None:
    subject, text, html = render_email(name, context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=from_email or settings.DEFAULT_FROM_EMAIL, to=list(to),
    )
    message.attach_alternative(html, "text/html")
    message.send()
