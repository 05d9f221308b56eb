class CoverageError(Exception):
    """Bad input to a coverage action; the message is Persian and shown as it is."""
