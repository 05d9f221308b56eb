import pytest
from pytest_socket import socket_allow_hosts

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1"]


@pytest.fixture(autouse=True)
def _no_network():
    """No connection leaves the machine: a hidden model download fails loudly.
    PostgreSQL and Redis on 127.0.0.1 (and unix sockets) stay reachable."""
    socket_allow_hosts(LOCAL_HOSTS, allow_unix_socket=True)
    yield  # pytest-socket lifts the restriction at teardown
