"""Page 8, for the practitioner again: the countersignature."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.record import SignatureRole
from mneedle_desktop.ui.wizard.consent_page import SignatureBox
from mneedle_desktop.ui.wizard.draft import WizardDraft


class CountersignPage(QWizardPage):
    def __init__(self, draft: WizardDraft, practitioner: Account | None) -> None:
        super().__init__()
        self._draft = draft
        self._practitioner = practitioner
        self.setTitle(self.tr("Practitioner's countersignature"))
        self.setSubTitle(
            self.tr(
                "For the practitioner: take the laptop back, check the client has signed, and "
                "countersign. The next page sums up the consultation before it is saved."
            )
        )
        name = practitioner.profile.full_name if practitioner else ""
        self.meaning = QLabel(draft.catalogue.consent.meanings["practitioner"])
        self.meaning.setWordWrap(True)
        self.box = SignatureBox(self.tr("Signature of {name}").format(name=name))
        self.box.pad.set_signer(name)
        self.box.pad.changed.connect(self._on_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.meaning)
        layout.addWidget(self.box)
        layout.addStretch(1)

    def initializePage(self) -> None:
        signature = self._draft.record.signature(SignatureRole.PRACTITIONER)
        self.box.pad.set_strokes(
            signature.strokes if signature else (), typed=bool(signature and signature.typed)
        )
        self.completeChanged.emit()

    @Slot()
    def _on_changed(self) -> None:
        problem = self.box.pad.problem()
        self.box.problem.setText("" if problem is None or not self.box.pad.strokes() else problem)
        self._store()
        self.completeChanged.emit()

    def _store(self) -> None:
        others = tuple(
            s for s in self._draft.record.signatures if s.role is not SignatureRole.PRACTITIONER
        )
        if self.box.pad.problem() is None and self._practitioner is not None:
            mine = self.box.pad.signature(
                SignatureRole.PRACTITIONER,
                self._practitioner.profile.full_name,
                self._draft.catalogue.consent.meanings["practitioner"],
            )
            self._draft.update(signatures=(*others, mine))
        else:
            self._draft.update(signatures=others)

    def isComplete(self) -> bool:
        return self._practitioner is not None and self.box.pad.problem() is None
