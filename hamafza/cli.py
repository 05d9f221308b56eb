"""The `hamafza` console command: Django's management commands with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `hamafza move-to-postgres` runs move_to_postgres
    execute_from_command_line([sys.argv[0], *args])


if __name__ == "__main__":
    main()
