"""Shared builders of the help-request tests. Time is frozen at 5 Azar 1405 (26 November 2026),
10:00 in Tehran; the usual request is for a photographer on 10 Azar, 10:00–12:00, with offers
until 8 Azar 14:00."""

import datetime as dt

from hamafza.cooperation import helprequests
from hamafza.cooperation.models import HelpRequest, Need

from .clock import NOW, at, j  # noqa: F401  (re-exported to the tests)


def ask(personas, user=None, **fields) -> HelpRequest:
    values = {
        "council": personas.council, "agency": personas.own, "need": Need.PHOTOGRAPHER,
        "title": "عکاس برای بازدید استاندار از آزادراه اهواز ـ بندر امام",
        "description": "پوشش تصویری بازدید و نشست خبری کنار پروژه.", "place": "کیلومتر ۲۰ آزادراه",
        "day": j(1405, 9, 10), "start_time": dt.time(10, 0), "end_time": dt.time(12, 0),
        "deadline": at(j(1405, 9, 8), 14),
    }
    values.update(fields)
    return helprequests.ask(user or personas.own_staff, **values)


def post(client, url, data):
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def url(help_request=None) -> str:
    return f"/workspace/cooperation/help/{help_request.pk}/" if help_request else "/workspace/cooperation/help/"
