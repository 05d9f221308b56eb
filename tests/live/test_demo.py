from hamafza.demo import loader
from hamafza.live.models import BoardEntity, LiveEvent, LiveUpdate


def test_the_demo_has_an_arbaeen_live_event_and_the_provinces_board(db, client):
    loader.load()
    event = LiveEvent.objects.get(title__contains="اربعین")
    published = LiveUpdate.objects.filter(event=event, status=LiveUpdate.Status.PUBLISHED)
    assert published.count() >= 10 and published.values("agency").distinct().count() >= 5
    assert LiveUpdate.objects.filter(event=event, status=LiveUpdate.Status.PENDING).exists()
    assert published.filter(corrected_at__isnull=False).exists()
    names = set(BoardEntity.objects.filter(council=event.council).values_list("name", flat=True))
    assert {"مرز شلمچه", "مرز چذابه", "فرودگاه اهواز"} <= names
    assert set(BoardEntity.objects.values_list("kind", flat=True)) == set(BoardEntity.Kind.values)
    assert all(e.changes.exists() for e in BoardEntity.objects.all())
    page = client.get(f"/live/{event.pk}/").content.decode()
    assert "مرز شلمچه" in page and "پرواز ۴۵۲۱" in page
    assert loader.load() is not None  # a reload replaces it
    assert LiveEvent.objects.filter(title__contains="اربعین").count() == 1
