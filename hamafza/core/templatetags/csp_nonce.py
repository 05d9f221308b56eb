"""`{% nonced form.media %}`: a form's media with this response's CSP nonce on every tag (the
prose editor's inline import map is a script like any other)."""

from django import template
from js_asset import Media

register = template.Library()


@register.simple_tag(takes_context=True)
def nonced(context, media):
    nonce = getattr(context.get("request"), "csp_nonce", None)
    return Media.from_media(media, nonce=str(nonce)) if nonce is not None else media
