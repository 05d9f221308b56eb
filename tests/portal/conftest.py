import pytest


@pytest.fixture
def khz(world):
    """The shared world, with portal titles free of the factories' Latin sequence numbers."""
    return portal_world(world)


def portal_world(world):
    council = world["council"]
    council.name = "شورای هماهنگی روابط عمومی‌های خوزستان"
    council.portal_title = "درگاه خبری روابط عمومی‌های خوزستان"
    council.portal_tagline = "هم‌افزایی دستگاه‌های حوزهٔ راه و شهرسازی"
    council.save()
    return world
