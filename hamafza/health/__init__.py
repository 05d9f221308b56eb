"""The health of an installation: small checks in a registry, read by the site admin's page, the
monitoring endpoint and `hamafza doctor`. Each check returns ok / warn / fail, a Persian summary,
Persian detail lines and machine-readable metrics (registry.py); the checks live in checks/."""
