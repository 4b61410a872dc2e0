"""Page 4: the areas to treat and, for each, its scar and scales."""

import itertools

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
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
        self._catalogue = catalogue
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
        # A panel is made for each area of the draft now, and for any other area when it is
        # first ticked: each holds about 170 widgets, and every page turn walks all of the
        # wizard's (fourteen panels made the wizard's 540 widgets 2,900).
        self.panels: dict[str, AreaPanel] = {}
        self._tab_stops: dict[str, list[QWidget]] = {}
        self.panel_column = QVBoxLayout()
        self.none_chosen = QLabel(self.tr("No area chosen yet."))
        column = scrolling_column(self)
        column.addWidget(picker)
        column.addWidget(self.none_chosen)
        column.addLayout(self.panel_column)
        column.addStretch(1)
        for assessed in draft.record.areas:
            self._make_panel(assessed.area)
        if self.panels:
            self._order_tabs()

    def _panel(self, area_id: str) -> AreaPanel:
        """The area's panel, made the first time it is needed."""
        panel = self.panels.get(area_id)
        if panel is None:
            panel = self._make_panel(area_id)
            self._order_tabs()
        return panel

    def _make_panel(self, area_id: str) -> AreaPanel:
        """A hidden panel for the area, placed among the others in the catalogue's order."""
        panel = AreaPanel(self._catalogue.areas[area_id], self._catalogue)
        panel.edited.connect(self._on_edited)
        panel.hide()
        order = list(self._catalogue.areas)
        before = sum(1 for made in self.panels if order.index(made) < order.index(area_id))
        self.panel_column.insertWidget(before, panel)
        self.panels[area_id] = panel
        self._tab_stops[area_id] = _tab_stops(panel)
        return panel

    def _order_tabs(self) -> None:
        """Tab goes from the last area's box through the panels in the catalogue's order,
        as they are drawn (a widget made later would otherwise come last)."""
        chain: list[QWidget] = [list(self.checks.values())[-1]]
        for area_id in self._catalogue.areas:
            chain += self._tab_stops.get(area_id, [])
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def initializePage(self) -> None:
        self._loading = True
        recorded = {a.area: a for a in self._draft.record.areas}
        for area_id, box in self.checks.items():
            box.setChecked(area_id in recorded)
            if area_id in recorded:
                panel = self._panel(area_id)
                panel.show()
                panel.load(recorded[area_id])
            elif area_id in self.panels:
                self.panels[area_id].hide()
        self._loading = False
        self.none_chosen.setVisible(not recorded)

    @Slot()
    def _on_areas_toggled(self) -> None:
        for area_id, box in self.checks.items():
            if box.isChecked():
                self._panel(area_id).show()
            elif area_id in self.panels:
                self.panels[area_id].hide()
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


def _tab_stops(panel: AreaPanel) -> list[QWidget]:
    """The fields Tab stops at in a panel just made, in their order: they follow the panel
    in the focus chain. A field made of others (a spin box and its text) counts once."""
    stops: list[QWidget] = []
    widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel and panel.isAncestorOf(widget):
        inside_last = bool(stops) and stops[-1].isAncestorOf(widget)
        if not inside_last and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops
