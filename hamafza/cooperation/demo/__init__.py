"""The demo council's history of cooperation: requests, offers, bookings (called by hamafza.demo)."""
