"""An experiment, not a product setting: hamafza.settings with persistent SQLite connections.

Without CONN_MAX_AGE each request opens the SQLite file again and runs the seven PRAGMAs of
init_command (≈ 1 ms). `portal_bench.py --settings bench.settings_persistent_sqlite` measures
what keeping the connection for the life of the worker would change.
"""

from hamafza.settings import *  # noqa: F403
from hamafza.settings import DATABASES

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = None
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
