"""Scoring: Fitzpatrick skin type and the scar scales, from the content's definitions."""

from collections.abc import Mapping
from dataclasses import dataclass

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.record import (
    FitzpatrickAssessment,
    FitzpatrickMethod,
    GBQuantitative,
    Posas,
    ScarAssessment,
)

ROMAN = ("I", "II", "III", "IV", "V", "VI")


def roman(skin_type: int) -> str:
    return ROMAN[skin_type - 1]


@dataclass(frozen=True)
class FitzpatrickResult:
    type: int
    method: FitzpatrickMethod
    score: int | None  # the quiz total, 0-40; None when set directly

    @property
    def label(self) -> str:
        how = f"quiz score {self.score}" if self.score is not None else "set by the practitioner"
        return f"Type {roman(self.type)} ({how})"


def fitzpatrick_band(score: int, catalogue: Catalogue) -> int:
    for band in catalogue.fitzpatrick_bands:
        if band.min <= score <= band.max:
            return band.type
    raise ValueError(f"Fitzpatrick score {score} is outside 0-40")


def fitzpatrick(assessment: FitzpatrickAssessment, catalogue: Catalogue) -> FitzpatrickResult:
    if assessment.method is FitzpatrickMethod.DIRECT:
        if assessment.type is None or not 1 <= assessment.type <= 6:
            raise ValueError("a directly set Fitzpatrick type must be 1 to 6")
        return FitzpatrickResult(assessment.type, assessment.method, None)
    ids = [q.id for q in catalogue.fitzpatrick_questions]
    if set(assessment.answers) != set(ids):
        raise ValueError("the Fitzpatrick quiz needs an answer to each of its questions")
    for key, value in assessment.answers.items():
        if not 0 <= value <= 4:
            raise ValueError(f"Fitzpatrick answer {key} must be scored 0 to 4, not {value}")
    score = sum(assessment.answers.values())
    return FitzpatrickResult(fitzpatrick_band(score, catalogue), assessment.method, score)


def gb_count_multiplier(count: int, catalogue: Catalogue) -> int:
    if count <= 0:
        return 0
    for m in catalogue.gb_multipliers:
        if count >= m.min and (m.max is None or count <= m.max):
            return m.multiplier
    raise ValueError(f"no multiplier for {count} scars")


def gb_area_score(area_cm2: float, catalogue: Catalogue) -> int:
    for band in catalogue.gb_area_scores:
        if band.contains(area_cm2):
            return band.score
    raise ValueError(f"no score for an area of {area_cm2} cm2")


def gb_quantitative_total(q: GBQuantitative, catalogue: Catalogue) -> int:
    """Points x count multiplier for each scar type present, plus the keloidal area score."""
    total = 0
    for type_id, count in q.counts.items():
        scar_type = catalogue.gb_types[type_id]
        if scar_type.by_area:
            raise ValueError(f"{type_id} is scored by area, not by count")
        total += scar_type.points * gb_count_multiplier(count, catalogue)
    if q.keloidal_area_cm2 is not None:
        total += gb_area_score(q.keloidal_area_cm2, catalogue)
    return total


def vancouver_total(items: Mapping[str, int], catalogue: Catalogue) -> int:
    for item in catalogue.vancouver_items:
        value = items.get(item.id)
        if value is None or not 0 <= value <= item.max:
            raise ValueError(f"Vancouver {item.id} must be 0 to {item.max}")
    return sum(items[i.id] for i in catalogue.vancouver_items)


def vancouver_maximum(catalogue: Catalogue) -> int:
    return sum(i.max for i in catalogue.vancouver_items)


@dataclass(frozen=True)
class PosasTotals:
    observer: int | None  # 6-60, the overall opinion not added
    patient: int | None


def posas_totals(posas: Posas, catalogue: Catalogue) -> PosasTotals:
    def side(items: Mapping[str, int], ids: list[str]) -> int | None:
        if not items:
            return None
        for key in ids:
            value = items.get(key)
            if value is None or not catalogue.posas_min <= value <= catalogue.posas_max:
                raise ValueError(
                    f"POSAS {key} must be {catalogue.posas_min} to {catalogue.posas_max}"
                )
        return sum(items[k] for k in ids)

    return PosasTotals(
        side(posas.observer, [i.id for i in catalogue.posas_observer]),
        side(posas.patient, [i.id for i in catalogue.posas_patient]),
    )


@dataclass(frozen=True)
class ScarScores:
    goodman_baron_qualitative: int | None
    goodman_baron_quantitative: int | None
    vancouver: int | None
    posas_observer: int | None
    posas_patient: int | None


def scar_scores(scar: ScarAssessment, catalogue: Catalogue) -> ScarScores:
    posas = posas_totals(scar.posas, catalogue) if scar.posas else PosasTotals(None, None)
    return ScarScores(
        goodman_baron_qualitative=scar.goodman_baron_qualitative,
        goodman_baron_quantitative=(
            gb_quantitative_total(scar.goodman_baron_quantitative, catalogue)
            if scar.goodman_baron_quantitative
            else None
        ),
        vancouver=vancouver_total(scar.vancouver, catalogue) if scar.vancouver else None,
        posas_observer=posas.observer,
        posas_patient=posas.patient,
    )
