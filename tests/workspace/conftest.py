from tests.personas import personas  # noqa: F401  (the shared persona fixture)
