"""The scale profile's cache (hamafza.core.rediscache): Django's Redis cache, with the Redis
client made once per connection pool instead of once per call. It must behave as Django's does."""

import os
import threading

import pytest
import redis

from hamafza.core.rediscache import RedisCache

URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def cache():
    cache = RedisCache(URL, {"KEY_PREFIX": "test-rediscache"})
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:  # CI starts Redis (.ci/run): without it this is a failure, not a skip
        pytest.fail(f"Redis is not running at {URL}")
    yield cache
    cache.delete_many(["a", "counter", "many-1", "many-2"])


def test_one_client_serves_every_call(cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("a", {"نام": "شلمچه"}, 30)
    assert cache.get("a") == {"نام": "شلمچه"}
    assert cache._cache.get_client() is client


def test_it_behaves_as_djangos_redis_cache(cache):
    assert cache.add("counter", 1) and not cache.add("counter", 5)
    assert cache.incr("counter") == 2
    cache.set_many({"many-1": "یک", "many-2": "دو"})
    assert cache.get_many(["many-1", "many-2", "none"]) == {"many-1": "یک", "many-2": "دو"}
    assert cache.delete("a") is False and cache.get("a", "پیش‌فرض") == "پیش‌فرض"


def test_threads_share_the_client_safely(cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set("counter", n * 1000 + i)
                assert isinstance(cache.get("counter"), int)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
