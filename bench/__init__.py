"""Benchmark scripts that print numbers (see bench/README.md)."""
