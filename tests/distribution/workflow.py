"""Publish and unpublish without a person, for these tests: the test factories' helpers where
they exist (over newsroom.unchecked), else the newsroom's unchecked actions of older trees."""

from tests import factories


def publish_item(item):
    if hasattr(factories, "publish_item"):
        return factories.publish_item(item)
    from hamafza.newsroom import actions

    return actions.do_publish_item(item)


def unpublish_item(item, reason: str = ""):
    if hasattr(factories, "unpublish_item"):
        return factories.unpublish_item(item, reason=reason)
    from hamafza.newsroom import actions

    return actions.do_unpublish_item(item, reason=reason)
