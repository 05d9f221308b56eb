"""The interface language: Persian, unless the person chose another one (Django's language
cookie). The browser's Accept-Language is deliberately ignored: people in Iran often run an
English-language browser and still expect the Persian portal — with Django's LocaleMiddleware
they got Django's own messages («This field is required.») in English next to Persian text."""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
