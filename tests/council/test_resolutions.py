from hamafza.council.models import Resolution, Task
from tests.personas import sign_in_verified

from .conftest import j


def test_a_resolution_becomes_tasks_for_two_agencies(client, personas, meeting):
    sign_in_verified(client, personas.secretariat)
    response = client.post(f"/workspace/council/meetings/{meeting.pk}/", {
        "action": "resolution", "text": "هر دستگاه سه خبر از برنامه‌های هفته حمل و نقل منتشر کند.",
        "agencies": [personas.own.pk, personas.other.pk], "deadline": "۱۴۰۵/۰۹/۲۰",
    })
    assert response.status_code == 302
    resolution = Resolution.objects.get()
    assert resolution.number == 1
    tasks = Task.objects.filter(resolution=resolution).order_by("agency_id")
    assert [t.agency_id for t in tasks] == sorted([personas.own.pk, personas.other.pk])
    assert {t.deadline for t in tasks} == {j(1405, 9, 20)}
    assert {t.status for t in tasks} == {Task.Status.OPEN}
    assert all(t.council_id == personas.council.pk for t in tasks)
    page = client.get(f"/workspace/council/meetings/{meeting.pk}/").content.decode()
    assert "۲۰ آذر ۱۴۰۵" in page
