"""Content of the Khuzestan demo council, kept apart from the loader code."""
