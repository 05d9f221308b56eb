"""`hamafza doctor`: every health check, one line each with its details; exit status 1 when a
check fails (warnings exit 0 unless --strict), so that cron or a deploy script can act on it."""

from django.core.management.base import BaseCommand

from hamafza.health import registry

MARKS = {registry.OK: "✔", registry.WARN: "!", registry.FAIL: "✘"}


class Command(BaseCommand):
    help = "Check the installation's health (database, queue, scheduler, senders, disk, backup, deploy)."
    requires_system_checks: list[str] = []  # the deploy check runs them itself, and reports instead of aborting

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the checks as JSON")
        parser.add_argument("--strict", action="store_true", help="exit 1 on a warning too")
        parser.add_argument("--only", action="append", metavar="KEY", help="run only this check (repeatable)")

    def handle(self, *args, json: bool, strict: bool, only: list[str] | None, **options):
        outcomes = registry.run_all(only)
        status = registry.overall(outcomes)
        if json:
            import json as json_module

            self.stdout.write(json_module.dumps({"status": status, "checks": [o.as_dict() for o in outcomes]},
                                                ensure_ascii=False, indent=2))
        else:
            for o in outcomes:
                style = {registry.OK: self.style.SUCCESS, registry.WARN: self.style.WARNING}.get(o.status, self.style.ERROR)
                self.stdout.write(style(f"{MARKS[o.status]} {o.title}: {o.result.summary}"))
                for line in o.result.details:
                    self.stdout.write(f"    {line}")
        if status == registry.FAIL or (strict and status == registry.WARN):
            raise SystemExit(1)
