"""Page 6: the course and needle depths, proposed by the rules and editable within them."""

from functools import partial

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mneedle_desktop.domain.record import PlanChoice
from mneedle_desktop.ui.date_edit import format_date
from mneedle_desktop.ui.form_widgets import YesNo
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_layout import scrolling_column

DEPTH_STEP = 0.05
DEPTH_FLOOR = 0.1


class PlanPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self._loading = False
        self._device_applied: object = object()
        self.setTitle(self.tr("Plan"))
        self.setSubTitle(
            self.tr(
                "The proposal follows the rules; change it within them. Depths above the "
                "device's labelled maximum cannot be entered."
            )
        )
        catalogue = draft.catalogue
        self.device = QComboBox()
        for device in catalogue.devices.values():
            self.device.addItem(f"{device.label} (up to {device.max_depth_mm:g} mm)", device.id)
        self.device.setCurrentIndex(-1)
        self.device.setPlaceholderText(self.tr("Choose the device"))
        # Sized to the page, not to the longest device name (the list opens wider).
        self.device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.device.setMinimumContentsLength(24)
        self.device.setAccessibleName(self.tr("Device"))
        self.sessions = QSpinBox()
        self.sessions.setRange(1, 20)
        self.interval = QSpinBox()
        self.interval.setRange(1, 52)
        self.interval.setSuffix(self.tr(" weeks"))
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.anaesthetic = YesNo(self.tr("Topical anaesthetic"), show_question=False)
        self.patch = YesNo(self.tr("Test patch"), show_question=False)
        self.anaesthetic_yes, self.anaesthetic_no = self.anaesthetic.yes, self.anaesthetic.no
        self.patch_yes, self.patch_no = self.patch.yes, self.patch.no
        form = QFormLayout()
        form.addRow(self.tr("&Device *"), self.device)
        form.addRow(self.tr("&Sessions"), self.sessions)
        form.addRow(self.tr("&Interval"), self.interval)
        for text, row, answer in (
            (self.tr("Topical &anaesthetic *"), self.anaesthetic, self.anaesthetic_yes),
            (self.tr("&Test patch *"), self.patch, self.patch_yes),
        ):
            label = QLabel(text)
            # The shortcut puts the focus on the first answer, through the row: a label
            # whose buddy is a button clicks it, and would answer Yes for the practitioner.
            row.setFocusProxy(answer)
            row.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            label.setBuddy(row)
            form.addRow(label, row)
        self.depth_box = QGroupBox(self.tr("Needle depth per area"))
        self.depth_form = QFormLayout(self.depth_box)
        self.depths: dict[str, QDoubleSpinBox] = {}
        self.ranges: dict[str, QLabel] = {}
        self.warnings_box = QGroupBox(self.tr("Warnings: tick each one to accept it"))
        self.warnings_layout = QVBoxLayout(self.warnings_box)
        self.warning_checks: dict[str, QCheckBox] = {}
        column = scrolling_column(self)
        column.addWidget(self.proposal)
        column.addLayout(form)
        column.addWidget(self.depth_box)
        column.addWidget(self.warnings_box)
        column.addStretch(1)
        self.device.currentIndexChanged.connect(self._on_edited)
        self.sessions.valueChanged.connect(self._on_edited)
        self.interval.valueChanged.connect(self._on_edited)
        for question in (self.anaesthetic, self.patch):
            question.group.buttonToggled.connect(self._on_edited)

    def initializePage(self) -> None:
        self._loading = True
        plan = self._draft.assessment.plan
        choice = self._draft.record.plan or PlanChoice()
        assert plan is not None
        self.device.setCurrentIndex(self.device.findData(choice.device))
        self.sessions.setValue(choice.sessions or plan.sessions)
        self.interval.setValue(choice.interval_weeks or plan.interval_weeks)
        self.anaesthetic.set_value(choice.topical_anaesthetic)
        self.patch.set_value(choice.test_patch)
        while self.depth_form.rowCount():
            self.depth_form.removeRow(0)
        self.depths, self.ranges = {}, {}
        # Each area's depth as the practitioner chose it (or the proposal): a device's
        # maximum holds the value down, and the next device gets the chosen depth back.
        self._chosen_depths: dict[str, float] = {}
        saved_device = self._draft.catalogue.devices.get(choice.device) if choice.device else None
        for area in plan.areas:
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            spin.setSingleStep(DEPTH_STEP)
            spin.setSuffix(" mm")
            # The value counts when typing is done (Enter, or leaving the field), so
            # "1.5" is never taken, and tidied, as "1" on the way.
            spin.setKeyboardTracking(False)
            spin.setAccessibleName(self.tr("Depth, {area}").format(area=area.label))
            value = choice.depths_mm.get(area.area)
            # A roller's depth is its needle length, not a choice: the proposal stands.
            if saved_device is not None and saved_device.fixed_depth:
                value = None
            if value is None and area.recommended is not None:
                value = area.recommended.min_mm
            spin.setRange(DEPTH_FLOOR, 3.0)
            spin.setValue(value or DEPTH_FLOOR)
            self._chosen_depths[area.area] = spin.value()
            spin.valueChanged.connect(partial(self._on_depth_changed, area.area))
            hint = QLabel()
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(spin)
            row_layout.addWidget(hint, 1)
            self.depth_form.addRow(area.label, row)
            self.depths[area.area] = spin
            self.ranges[area.area] = hint
        self._device_applied = object()  # new spins: not yet set up for any device
        self._loading = False
        self._on_edited()

    def _choice(self) -> PlanChoice:
        acknowledged = tuple(w for w, box in self.warning_checks.items() if box.isChecked())
        device = self.device.currentData()
        return PlanChoice(
            device=device,
            depths_mm={a: round(s.value(), 2) for a, s in self.depths.items()} if device else {},
            sessions=self.sessions.value(),
            interval_weeks=self.interval.value(),
            topical_anaesthetic=self.anaesthetic.value(),
            test_patch=self.patch.value(),
            acknowledged_warnings=acknowledged,
        )

    def _on_depth_changed(self, area: str, depth: float) -> None:
        self._chosen_depths[area] = depth
        self._on_edited()

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        device_id = self.device.currentData()
        device = self._draft.catalogue.devices.get(device_id) if device_id else None
        if device_id != self._device_applied:
            self._device_applied = device_id
            for area, spin in self.depths.items():
                spin.setEnabled(device is not None and not device.fixed_depth)
                if device is not None:
                    spin.blockSignals(True)
                    spin.setMaximum(device.max_depth_mm)  # never above the labelled maximum
                    spin.setValue(
                        device.max_depth_mm
                        if device.fixed_depth
                        else min(self._chosen_depths[area], device.max_depth_mm)
                    )
                    spin.blockSignals(False)
        self._draft.update(plan=self._choice())
        self._show()

    def _show(self) -> None:
        plan = self._draft.assessment.plan
        if plan is None:
            return
        usual = (
            f"{plan.sessions_min}-{plan.sessions_max}"
            if plan.sessions_max
            else f"{plan.sessions_min} or more"
        )
        start = (
            format_date(plan.earliest_start)
            if plan.earliest_start
            else self.tr("when the deferral ends")
        )
        self.proposal.setText(
            self.tr(
                "Proposed: {n} sessions (usual {usual}), {w} weeks apart, from {start}."
            ).format(n=plan.sessions, usual=usual, w=plan.interval_weeks, start=start)
            + ("\n" + "\n".join(plan.notes) if plan.notes else "")
        )
        for area in plan.areas:
            hint = self.ranges.get(area.area)
            if hint is not None:
                rec = (
                    area.recommended.describe()
                    if area.recommended
                    else self.tr("record the skin thickness")
                )
                hint.setText(
                    self.tr("recommended {range}").format(range=rec)
                    + (f" {area.note}" if area.note else "")
                )
        while self.warnings_layout.count():
            item = self.warnings_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        previous = {k: b.isChecked() for k, b in self.warning_checks.items()}
        self.warning_checks = {}
        for warning in plan.warnings:
            box = QCheckBox(warning.text)
            box.setChecked(warning.acknowledged or previous.get(warning.id, False))
            box.toggled.connect(self._on_warning_toggled)
            self.warning_checks[warning.id] = box
            self.warnings_layout.addWidget(box)
        self.warnings_box.setVisible(bool(plan.warnings))
        self.completeChanged.emit()

    @Slot()
    def _on_warning_toggled(self) -> None:
        self._draft.update(plan=self._choice())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        choice = self._draft.record.plan
        plan = self._draft.assessment.plan
        return (
            choice is not None
            and choice.device is not None
            and choice.topical_anaesthetic is not None
            and choice.test_patch is not None
            and plan is not None
            and not plan.unacknowledged
        )
