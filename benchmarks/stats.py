"""Median and 95th percentile of a list of measurements."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str  # "ms" or "MiB"
    samples: tuple[float, ...]
    budget: str = ""  # the budget in words, for the table
    meets: bool | None = None  # against the budget, when it can be judged
    baseline: "Figure | None" = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def ratio(self) -> float | None:
        """Median over the baseline's median."""
        return self.median / self.baseline.median if self.baseline else None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "unit": self.unit,
            "n": len(self.samples),
            "median": round(self.median, 3),
            "p95": round(self.p95, 3),
            "baseline_median": round(self.baseline.median, 3) if self.baseline else None,
            "ratio": round(self.ratio, 3) if self.ratio is not None else None,
            "budget": self.budget,
            "meets_budget": self.meets,
        }
