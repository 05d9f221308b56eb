"""`hamafza serve`'s web server: the measured defaults, the access log only when asked for."""

from hamafza.core.management.commands import serve


def test_the_default_is_the_measured_one_with_keep_alive_and_no_access_log():
    command = serve.web_command("127.0.0.1:8000", serve.DEFAULT_WORKERS, serve.DEFAULT_THREADS, False)
    assert serve.DEFAULT_WEB_SERVER == "granian" and command[1:3] == ["-m", "granian"]
    assert command[command.index("--workers") + 1] == str(serve.DEFAULT_WORKERS)
    assert command[command.index("--blocking-threads") + 1] == str(serve.DEFAULT_THREADS)
    assert "--no-http1-keep-alive" not in command  # granian keeps HTTP/1.1 connections alive
    assert "--no-access-log" in command


def test_gunicorn_on_request_keeps_connections_alive_with_threads():
    command = serve.web_command("127.0.0.1:8000", 2, 4, False, "gunicorn")
    assert command[1:3] == ["-m", "gunicorn"]
    assert command[command.index("--worker-class") + 1] == "gthread" and "--keep-alive" in command
    assert "--access-logfile" not in command


def test_the_access_log_and_sync_workers_on_request():
    command = serve.web_command("127.0.0.1:8000", 3, 1, True, "gunicorn")
    assert "--worker-class" not in command and command[command.index("--access-logfile") + 1] == "-"


def test_granian_on_request_speaks_wsgi_with_the_same_workers_and_threads():
    command = serve.web_command("0.0.0.0:8080", 3, 4, False, "granian")
    assert command[1:3] == ["-m", "granian"] and command[command.index("--interface") + 1] == "wsgi"
    assert "hamafza.wsgi:application" in command
    assert command[command.index("--host") + 1] == "0.0.0.0" and command[command.index("--port") + 1] == "8080"
    assert command[command.index("--workers") + 1] == "3" and command[command.index("--blocking-threads") + 1] == "4"
    assert "--no-access-log" in command and "--access-log" not in command
    assert "--access-log" in serve.web_command("127.0.0.1:8000", 2, 1, True, "granian")


def test_the_web_server_comes_from_the_environment_and_a_wrong_name_is_refused(monkeypatch):
    import pytest

    parser = serve.Command().create_parser("hamafza", "serve")
    assert parser.parse_args([]).web_server == serve.DEFAULT_WEB_SERVER
    monkeypatch.setenv("HAMAFZA_WEB_SERVER", "gunicorn")
    assert serve.Command().create_parser("hamafza", "serve").parse_args([]).web_server == "gunicorn"
    with pytest.raises(ValueError):
        serve.web_command("127.0.0.1:8000", 2, 4, False, "uwsgi")
