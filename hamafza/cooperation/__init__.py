"""Cooperation between agencies: co-publication (amplification) requests, help requests for
content production with offers, the directory of shareable resources with bookings, and the
reciprocity record that makes all of it measurable."""
