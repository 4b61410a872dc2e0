"""The screening result beside every page: colour, an icon and words, never colour alone."""

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mneedle_desktop.domain.decision_words import rule_title
from mneedle_desktop.domain.intervals import long_date
from mneedle_desktop.domain.screening import Decision, Outcome
from mneedle_desktop.ui.icons import icon
from mneedle_desktop.ui.wizard.draft import WizardDraft

PANEL_WIDTH = 240

_STYLE = {
    # outcome: (icon, light background, dark background)
    Outcome.SUITABLE: ("circle-check", "#e3f4ea", "#1d3b2a"),
    Outcome.SUITABLE_WITH_PRECAUTIONS: ("triangle-alert", "#fdf1d8", "#3d3117"),
    Outcome.DEFER: ("clock", "#e5eefb", "#1d2c44"),
    Outcome.NOT_SUITABLE: ("circle-x", "#fbe4e2", "#45201d"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScreeningPanel", text)


def outcome_words(decision: Decision) -> str:
    """ "Suitable", "Suitable with precautions", "Not now: eligible from 3 March 2027",
    "Not suitable"."""
    if decision.outcome is Outcome.SUITABLE:
        return _tr("Suitable")
    if decision.outcome is Outcome.SUITABLE_WITH_PRECAUTIONS:
        return _tr("Suitable with precautions")
    if decision.outcome is Outcome.NOT_SUITABLE:
        return _tr("Not suitable")
    if decision.eligible_from is not None:
        return _tr("Not now: eligible from {date}").format(date=long_date(decision.eligible_from))
    return _tr("Not now")


class ScreeningPanel(QFrame):
    def __init__(self, draft: WizardDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.setObjectName("screeningPanel")
        self.setFixedWidth(PANEL_WIDTH)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_tr("Screening result"))
        self.icon = QLabel()
        self.icon.setAccessibleName(_tr("Screening result icon"))
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(QLabel(_tr("Screening")))
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.details, 1)
        draft.changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        decision = self._draft.assessment.decision
        name, light, dark = _STYLE[decision.outcome]
        dark_mode = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(f"#screeningPanel {{ background: {dark if dark_mode else light}; }}")
        self.icon.setPixmap(icon(name).pixmap(32, 32))
        words = outcome_words(decision)
        self.title.setText(words)
        lines = []
        if decision.missing:
            lines.append(
                _tr("{n} answers still missing.").format(n=len(decision.missing))
                if len(decision.missing) != 1
                else _tr("1 answer still missing.")
            )
        blocking = [r for r in decision.reasons if r.blocking]
        for reason in blocking[:5]:
            lines.append("• " + rule_title(reason.rule_id, self._draft.catalogue))
        waiting = len(decision.unacknowledged)
        if waiting == 1:
            lines.append(_tr("1 precaution to acknowledge."))
        elif waiting:
            lines.append(_tr("{n} precautions to acknowledge.").format(n=waiting))
        self.details.setText("\n".join(lines))
        self.setAccessibleDescription(f"{words}. " + " ".join(lines))
