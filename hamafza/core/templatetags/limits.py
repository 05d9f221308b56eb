"""`{% load limits %}` … `maxlength="{% limit 'council.Meeting.title' %}"`: a hand-written input
takes its model field's max_length, the number the server enforces (hamafza.core.limits)."""

from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag
def limit(path: str) -> int | str:
    app_label, model_name, field_name = path.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name).max_length or ""
