"""One treatment area: skin thickness, scar type, the scar scales with their totals live."""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from mneedle_desktop.domain.catalogue import Area, Catalogue
from mneedle_desktop.domain.date_entry import DateEntryError
from mneedle_desktop.domain.record import (
    AreaAssessment,
    GBQuantitative,
    Posas,
    ScarAssessment,
    SkinThickness,
)
from mneedle_desktop.domain.scales import (
    gb_quantitative_total,
    posas_totals,
    vancouver_maximum,
    vancouver_total,
)
from mneedle_desktop.ui.date_edit import DateField
from mneedle_desktop.ui.form_widgets import error_label, multiline_field

ACNE_TYPES = {"icepick", "boxcar", "rolling"}
NOT_RECORDED = "—"


def _optional_spin(low: int, high: int) -> QSpinBox:
    """A spin box whose lowest step means "not recorded"."""
    spin = QSpinBox()
    spin.setRange(low - 1, high)
    spin.setSpecialValueText(NOT_RECORDED)
    spin.setValue(low - 1)
    return spin


class AreaPanel(QGroupBox):
    """Signals:
    edited(): anything in the panel changed.
    """

    edited = Signal()

    def __init__(self, area: Area, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(area.label, parent)
        self.area = area
        self._catalogue = catalogue
        self._loading = False
        form = QFormLayout(self)

        self.thickness = QComboBox()
        self.thickness.addItem(self.tr("Thin"), SkinThickness.THIN.value)
        self.thickness.addItem(self.tr("Thick"), SkinThickness.THICK.value)
        self.thickness.setCurrentIndex(-1)
        self.thickness.setPlaceholderText(self.tr("Choose"))
        self.thickness.setAccessibleName(self.tr("Skin thickness, {area}").format(area=area.label))
        if area.depends_on_thickness:
            form.addRow(self.tr("Skin thickness *"), self.thickness)

        self.scar_type = QComboBox()
        for scar in catalogue.scar_types.values():
            self.scar_type.addItem(scar.label, scar.id)
        self.scar_type.setCurrentIndex(-1)
        self.scar_type.setPlaceholderText(self.tr("Choose the scar type"))
        self.scar_type.setAccessibleName(self.tr("Scar type, {area}").format(area=area.label))
        form.addRow(self.tr("Scar type *"), self.scar_type)

        # Goodman & Baron (acne scars)
        self.gb_grade = QComboBox()
        self.gb_grade.addItem(NOT_RECORDED, None)
        for grade, grade_label in sorted(catalogue.gb_qualitative_grades.items()):
            self.gb_grade.addItem(f"{grade}: {grade_label}", grade)
        self.gb_grade.setAccessibleName(self.tr("Goodman and Baron grade"))
        self.gb_counts: dict[str, QSpinBox] = {}
        counts = QGridLayout()
        row = 0
        for gb in catalogue.gb_types.values():
            if gb.by_area:
                continue
            spin = QSpinBox()
            spin.setRange(0, 10_000)
            spin.setAccessibleName(gb.label)
            label = QLabel(f"{gb.grade}: {gb.label}")
            label.setWordWrap(True)
            counts.addWidget(label, row, 0)
            counts.addWidget(spin, row, 1)
            self.gb_counts[gb.id] = spin
            row += 1
        self.keloidal_area = QDoubleSpinBox()
        self.keloidal_area.setRange(0, 10_000)
        self.keloidal_area.setSuffix(" cm²")
        self.keloidal_area.setSpecialValueText(self.tr("none"))
        self.keloidal_area.setAccessibleName(self.tr("Keloidal or hypertrophic area"))
        counts.addWidget(QLabel(self.tr("D: keloidal or hypertrophic area")), row, 0)
        counts.addWidget(self.keloidal_area, row, 1)
        self.gb_total = QLabel()
        self.gb_box = QWidget()
        self.gb_box.setLayout(counts)
        self.gb_rows = (self.gb_grade, self.gb_box, self.gb_total)

        # Vancouver and POSAS (surgical and raised scars)
        self.vancouver: dict[str, QComboBox] = {}
        vss = QFormLayout()
        for item in catalogue.vancouver_items:
            combo = QComboBox()
            combo.addItem(NOT_RECORDED, None)
            for score, level in enumerate(item.levels):
                combo.addItem(f"{score}: {level}", score)
            combo.setAccessibleName(self.tr("Vancouver {item}").format(item=item.label))
            vss.addRow(item.label, combo)
            self.vancouver[item.id] = combo
        self.vss_total = QLabel()
        vss.addRow(self.tr("Total:"), self.vss_total)
        self.vss_box = QWidget()
        self.vss_box.setLayout(vss)
        self.posas_observer: dict[str, QSpinBox] = {}
        self.posas_patient: dict[str, QSpinBox] = {}
        posas = QGridLayout()
        posas.addWidget(QLabel(self.tr("Observer (1 = like normal skin, 10 = worst)")), 0, 0, 1, 2)
        for i, item in enumerate(catalogue.posas_observer, start=1):
            spin = _optional_spin(catalogue.posas_min, catalogue.posas_max)
            spin.setAccessibleName(self.tr("POSAS observer {item}").format(item=item.label))
            posas.addWidget(QLabel(item.label), i, 0)
            posas.addWidget(spin, i, 1)
            self.posas_observer[item.id] = spin
        base = len(catalogue.posas_observer) + 1
        posas.addWidget(
            QLabel(self.tr("Patient (1 = no, not at all; 10 = yes, very much)")), base, 0, 1, 2
        )
        for i, item in enumerate(catalogue.posas_patient, start=base + 1):
            spin = _optional_spin(catalogue.posas_min, catalogue.posas_max)
            spin.setAccessibleName(self.tr("POSAS patient: {item}").format(item=item.label))
            label = QLabel(item.label)
            label.setWordWrap(True)
            posas.addWidget(label, i, 0)
            posas.addWidget(spin, i, 1)
            self.posas_patient[item.id] = spin
        self.posas_total = QLabel()
        posas.addWidget(self.posas_total, base + len(catalogue.posas_patient) + 1, 0, 1, 2)
        self.posas_box = QWidget()
        self.posas_box.setLayout(posas)

        self.surgery_date = DateField()
        self.surgery_date.setAccessibleName(self.tr("Date of surgery"))
        self.wound_closed = QComboBox()
        self.wound_closed.addItem(NOT_RECORDED, None)
        self.wound_closed.addItem(self.tr("Yes, fully closed"), True)
        self.wound_closed.addItem(self.tr("No, not yet"), False)
        self.wound_closed.setAccessibleName(self.tr("Wound fully closed"))
        self.notes = multiline_field(lines=2)
        self.notes.setAccessibleName(self.tr("Notes on {area}").format(area=area.label))
        self.error = error_label()
        self.error.hide()

        form.addRow(self.tr("Goodman and Baron grade"), self.gb_grade)
        form.addRow(self.tr("Goodman and Baron scar counts"), self.gb_box)
        form.addRow("", self.gb_total)
        form.addRow(self.tr("Vancouver Scar Scale"), self.vss_box)
        form.addRow(self.tr("POSAS 2.0"), self.posas_box)
        form.addRow(self.tr("Date of surgery *"), self.surgery_date)
        form.addRow(self.tr("Wound fully closed? *"), self.wound_closed)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow("", self.error)
        self._form = form
        # Everything fits the page's width: the scale tables sit under their titles, the
        # score columns keep their size, and drop-down lists size to the page rather than
        # to their longest choice (the list opens wider).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for table in (counts, posas):
            table.setColumnStretch(0, 1)
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)

        widgets: list[QWidget] = [
            self.thickness,
            self.scar_type,
            self.gb_grade,
            self.wound_closed,
            *self.vancouver.values(),
        ]
        for w in widgets:
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._on_edited)
        for spin in [
            *self.gb_counts.values(),
            *self.posas_observer.values(),
            *self.posas_patient.values(),
        ]:
            spin.valueChanged.connect(self._on_edited)
        self.keloidal_area.valueChanged.connect(self._on_edited)
        self.surgery_date.entered.connect(self._on_edited)
        self.notes.textChanged.connect(self._on_edited)
        self._show_relevant()

    def _show_relevant(self) -> None:
        scar = self.scar_type.currentData()
        acne = scar in ACNE_TYPES
        raised_or_surgical = scar in {"surgical", "hypertrophic", "keloid", "other"}
        for widget, visible in (
            (self.gb_grade, acne),
            (self.gb_box, acne),
            (self.gb_total, acne),
            (self.vss_box, raised_or_surgical),
            (self.posas_box, raised_or_surgical),
            (self.surgery_date, scar == "surgical"),
            (self.wound_closed, scar == "surgical"),
        ):
            self._form.setRowVisible(widget, visible)

    def load(self, a: AreaAssessment) -> None:
        self._loading = True
        if a.skin_thickness is not None:
            self.thickness.setCurrentIndex(self.thickness.findData(a.skin_thickness.value))
        self.notes.setPlainText(a.notes)
        s = a.scar
        if s is not None:
            self.scar_type.setCurrentIndex(self.scar_type.findData(s.type))
            self.gb_grade.setCurrentIndex(
                max(0, self.gb_grade.findData(s.goodman_baron_qualitative))
            )
            q = s.goodman_baron_quantitative
            for key, spin in self.gb_counts.items():
                spin.setValue(q.counts.get(key, 0) if q else 0)
            self.keloidal_area.setValue(q.keloidal_area_cm2 or 0 if q else 0)
            for key, combo in self.vancouver.items():
                combo.setCurrentIndex(
                    max(0, combo.findData(s.vancouver.get(key) if s.vancouver else None))
                )
            for items, spins in (
                (s.posas.observer if s.posas else {}, self.posas_observer),
                (s.posas.patient if s.posas else {}, self.posas_patient),
            ):
                for key, spin in spins.items():
                    spin.setValue(items.get(key, spin.minimum()))
            self.surgery_date.set_value(s.surgery_date)
            self.wound_closed.setCurrentIndex(max(0, self.wound_closed.findData(s.wound_closed)))
        self._loading = False
        self._show_relevant()
        self._show_totals()

    def assessment(self) -> tuple[AreaAssessment, str | None]:
        """The area as entered, and what is wrong with a typed date."""
        thickness = self.thickness.currentData()
        scar_type = self.scar_type.currentData()
        scar = None
        problem = None
        if scar_type is not None:
            counts = {k: s.value() for k, s in self.gb_counts.items() if s.value() > 0}
            area = self.keloidal_area.value()
            quantitative = (
                GBQuantitative(counts, area if area > 0 else None) if counts or area > 0 else None
            )
            vss = {k: c.currentData() for k, c in self.vancouver.items()}
            observer = {k: s.value() for k, s in self.posas_observer.items()}
            patient = {k: s.value() for k, s in self.posas_patient.items()}

            def complete(items: dict[str, int], low: int) -> dict[str, int]:
                return items if all(v is not None and v >= low for v in items.values()) else {}

            low = self._catalogue.posas_min
            posas_obs, posas_pat = complete(observer, low), complete(patient, low)
            try:
                operated = self.surgery_date.value() if scar_type == "surgical" else None
            except DateEntryError as e:
                operated, problem = None, str(e)
            scar = ScarAssessment(
                type=scar_type,
                goodman_baron_qualitative=self.gb_grade.currentData()
                if scar_type in ACNE_TYPES
                else None,
                goodman_baron_quantitative=quantitative if scar_type in ACNE_TYPES else None,
                vancouver=vss if all(v is not None for v in vss.values()) else None,
                posas=Posas(posas_obs, posas_pat) if posas_obs or posas_pat else None,
                surgery_date=operated,
                wound_closed=self.wound_closed.currentData() if scar_type == "surgical" else None,
            )
        return (
            AreaAssessment(
                self.area.id,
                SkinThickness(thickness) if thickness else None,
                scar,
                self.notes.toPlainText().strip(),
            ),
            problem,
        )

    def _show_totals(self) -> None:
        area, _ = self.assessment()
        scar = area.scar
        c = self._catalogue
        if scar is not None and scar.goodman_baron_quantitative is not None:
            self.gb_total.setText(
                self.tr("Quantitative score: {n} of {max}").format(
                    n=gb_quantitative_total(scar.goodman_baron_quantitative, c), max=c.gb_maximum
                )
            )
        else:
            self.gb_total.setText(
                self.tr("Quantitative score: 0 of {max}").format(max=c.gb_maximum)
            )
        if scar is not None and scar.vancouver is not None:
            self.vss_total.setText(f"{vancouver_total(scar.vancouver, c)} / {vancouver_maximum(c)}")
        else:
            self.vss_total.setText(self.tr("score every item"))
        if scar is not None and scar.posas is not None:
            totals = posas_totals(scar.posas, c)
            parts = []
            if totals.observer is not None:
                parts.append(self.tr("observer {n} / 60").format(n=totals.observer))
            if totals.patient is not None:
                parts.append(self.tr("patient {n} / 60").format(n=totals.patient))
            self.posas_total.setText(", ".join(parts) + self.tr(" (source: POSAS group, posas.nl)"))
        else:
            self.posas_total.setText(self.tr("Score all six items of a side for its total."))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self._form.setRowVisible(self.error, bool(message))

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        self._show_relevant()
        self._show_totals()
        self.edited.emit()
