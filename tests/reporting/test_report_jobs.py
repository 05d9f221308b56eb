"""The consolidated report in the workspace: the page, and the PDF built in the background with
its progress."""

import pytest
from django.test import override_settings
from django.urls import reverse

from hamafza.reporting import actions
from hamafza.reporting.models import ReportJob
from tests.personas import sign_in_verified

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("azar_1405")]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
def test_secretariat_builds_the_pdf(client, personas, indicator, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    actions.do_enter_value(personas.own_staff, indicator, 1404, 3, "250")
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    sign_in_verified(client, personas.secretariat)
    page = client.get(reverse("workspace:reporting_report"), {"kind": "year", "year": "۱۴۰۴"})
    assert page.status_code == 200 and "۲۵۰" in page.content.decode()
    response = client.post(reverse("workspace:reporting_request_pdf"), {"kind": "year", "year": "1404"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE and job.progress == 100
    download = client.get(reverse("workspace:reporting_job_download", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:4] == b"%PDF"


def test_agency_staff_cannot_compile_or_see_jobs(client, personas):
    job = ReportJob.objects.create(council=personas.council, start_year=1404, start_month=1, end_year=1404,
                                   end_month=12, title="x")
    sign_in_verified(client, personas.own_staff)
    assert client.get(reverse("workspace:reporting_report")).status_code == 404
    assert client.post(reverse("workspace:reporting_request_pdf"), {"year": "1404"}).status_code == 404
    assert client.get(reverse("workspace:reporting_job", args=[job.pk])).status_code == 404


def test_bad_period_is_a_persian_400(client, personas):
    sign_in_verified(client, personas.secretariat)
    response = client.get(reverse("workspace:reporting_report"), {"kind": "month", "year": "1404", "month": "۱۳"})
    assert response.status_code == 400 and "ماه نادرست است" in response.content.decode()
