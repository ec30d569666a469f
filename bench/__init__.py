"""Benchmarks: run on demand (``make bench``), never part of CI's pass or fail.

Each module prints its figures as ratios against a baseline measured in the same run, so numbers
from different machines can be compared.
"""
