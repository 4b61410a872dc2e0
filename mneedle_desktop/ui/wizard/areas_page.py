"""Page 4: the areas to treat and, for each, its scar and scales."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

from mneedle_desktop.domain.record import AreaAssessment
from mneedle_desktop.ui.wizard.area_panel import AreaPanel
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_layout import scrolling_column


class AreasPage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self._loading = False
        self.setTitle(self.tr("Scars and areas"))
        self.setSubTitle(self.tr("Tick the areas to treat, then describe the scar in each."))
        catalogue = draft.catalogue
        picker = QGroupBox(self.tr("Areas to treat"))
        grid = QGridLayout(picker)
        self.checks: dict[str, QCheckBox] = {}
        regions = {"face": 0, "body": 1}
        rows = {"face": 0, "body": 0}
        for area in catalogue.areas.values():
            box = QCheckBox(area.label)
            box.toggled.connect(self._on_areas_toggled)
            grid.addWidget(box, rows[area.region], regions.get(area.region, 1))
            rows[area.region] += 1
            self.checks[area.id] = box
        self.panels: dict[str, AreaPanel] = {}
        self.panel_column = QVBoxLayout()
        for area in catalogue.areas.values():
            panel = AreaPanel(area, catalogue)
            panel.edited.connect(self._on_edited)
            panel.hide()
            self.panels[area.id] = panel
            self.panel_column.addWidget(panel)
        self.none_chosen = QLabel(self.tr("No area chosen yet."))
        column = scrolling_column(self)
        column.addWidget(picker)
        column.addWidget(self.none_chosen)
        column.addLayout(self.panel_column)
        column.addStretch(1)

    def initializePage(self) -> None:
        self._loading = True
        recorded = {a.area: a for a in self._draft.record.areas}
        for area_id, box in self.checks.items():
            box.setChecked(area_id in recorded)
            panel = self.panels[area_id]
            panel.setVisible(area_id in recorded)
            if area_id in recorded:
                panel.load(recorded[area_id])
        self._loading = False
        self.none_chosen.setVisible(not recorded)

    @Slot()
    def _on_areas_toggled(self) -> None:
        for area_id, box in self.checks.items():
            self.panels[area_id].setVisible(box.isChecked())
        self.none_chosen.setVisible(not any(b.isChecked() for b in self.checks.values()))
        self._on_edited()

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        areas: list[AreaAssessment] = []
        typing: dict[str, str] = {}
        for area_id, box in self.checks.items():
            if box.isChecked():
                assessed, problem = self.panels[area_id].assessment()
                areas.append(assessed)
                if problem:
                    typing[area_id] = problem
        problems = self._draft.update(areas=tuple(areas))
        for i, assessed in enumerate(areas):
            messages = [p.message for p in problems if p.path.startswith(f"areas[{i}]")]
            if assessed.area in typing:
                messages.insert(0, typing[assessed.area])
            self.panels[assessed.area].show_error("; ".join(messages) or None)
