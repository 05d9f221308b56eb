def invalidate_council(council_id: int) -> None:
    """Placeholder until the page cache lands."""
