"""Django's Redis cache (the scale profile's), with one Redis client per connection pool.

Django's RedisCacheClient.get_client makes a new `redis.Redis` on every cache call. With
redis-py 8 that construction costs about as much as the command it serves (98 µs against an 88 µs
GET, measured on this machine under load), and every request pays it at least once (the
registry's version check). A `redis.Redis` is safe to share between threads (each command takes
a connection from the pool, which also renews its connections after a fork), so one is made per
pool and kept."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as _RedisCache
from django.core.cache.backends.redis import RedisCacheClient as _RedisCacheClient


class RedisCacheClient(_RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # the pools live as long as this object: ids stay theirs
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(_RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
