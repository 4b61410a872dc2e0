"""Measured figures of MNeedle Desktop at clinic scale: ``python -m benchmarks``.

Each figure is a median and a 95th percentile over repeated runs; start-up time and memory
are also given as ratios to a bare PySide6 window measured in the same run. See
docs/performance.md for the budget and the latest figures. Benchmarks are not tests: nothing
here asserts a time.
"""
