"""The demo council's history of cooperation: shared resources and bookings, help requests with
offers and deliveries, co-publication requests (called by hamafza.demo after the news and council
demo). Each part writes through its own actions; `people` maps demo usernames to users."""

from importlib import import_module

PARTS = ("resources", "helprequests", "amplification")


def load_demo(councils: dict, agencies: dict, users: dict) -> None:
    council = councils["khz"]
    for part in PARTS:
        import_module(f"{__name__}.{part}").load(council, users)
