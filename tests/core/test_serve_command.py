"""`hamafza serve`'s web server: the measured defaults, the access log only when asked for."""

from hamafza.core.management.commands import serve


def test_the_default_is_the_measured_one_with_keep_alive_and_no_access_log():
    command = serve.web_command("127.0.0.1:8000", serve.DEFAULT_WORKERS, serve.DEFAULT_THREADS, False)
    assert command[command.index("--workers") + 1] == str(serve.DEFAULT_WORKERS)
    if serve.DEFAULT_THREADS > 1:
        assert command[command.index("--worker-class") + 1] == "gthread"
        assert "--keep-alive" in command
    assert "--access-logfile" not in command


def test_the_access_log_and_sync_workers_on_request():
    command = serve.web_command("127.0.0.1:8000", 3, 1, True)
    assert "--worker-class" not in command and command[command.index("--access-logfile") + 1] == "-"
