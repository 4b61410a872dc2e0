"""Page 7, read by the client: the consent in plain words, read to the end, each statement
agreed, the photograph choices, and the client's (and a guardian's) signature.

Larger text, nothing of the practitioner's notes, nothing about anyone else."""

from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.clock import age_on
from mneedle_desktop.domain.consent import ADULT_AGE, consent_fingerprint, consent_sections
from mneedle_desktop.domain.record import ConsentAnswers, Signature, SignatureRole
from mneedle_desktop.ui.form_widgets import YesNo
from mneedle_desktop.ui.signature_pad import SignaturePad
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.page_layout import scrolling_column
from mneedle_desktop.ui.wrapping_check_box import WrappingCheckBox

CLIENT_TEXT_SCALE = 1.25


def _kept_or_new(
    pad: SignaturePad, stored: Signature | None, role: SignatureRole, name: str, meaning: str
) -> Signature:
    """The stored signature while the pad still shows it (its time is when it was made),
    otherwise a new one from the pad."""
    if stored is not None and stored.name == name and stored.strokes == pad.strokes():
        return stored
    return pad.signature(role, name, meaning)


class SignatureBox(QGroupBox):
    def __init__(self, title: str, clear_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.pad = SignaturePad(title)
        # Two boxes on one page get different shortcut letters for Clear.
        self.clear_button = QPushButton(clear_label or self.tr("C&lear"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.problem = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        row.addWidget(self.problem, 1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)


class ConsentPage(QWizardPage):
    def __init__(self, draft: WizardDraft, clinic: ClinicProfile | None) -> None:
        super().__init__()
        self._draft = draft
        self._clinic = clinic
        self._loading = False
        wording = draft.catalogue.consent
        self.setTitle(wording.title)
        self.setSubTitle(self.tr("Please read this yourself, to the end. Ask about anything."))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * CLIENT_TEXT_SCALE)
        self.setFont(font)

        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Consent text"))
        self.text.setMinimumHeight(260)
        self.text.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.text.verticalScrollBar().rangeChanged.connect(self._on_scrolled)
        self.read_hint = QLabel(self.tr("Scroll to the end of the text to go on."))
        self.changed_note = QLabel(
            self.tr(
                "The plan changed after you signed. Please read the consent again, tick "
                "each statement and sign again."
            )
        )
        self.changed_note.setWordWrap(True)
        self.changed_note.setVisible(False)
        self.statements: dict[str, QCheckBox] = {}
        statements_box = QGroupBox(self.tr("Please tick each one"))
        statements_layout = QVBoxLayout(statements_box)
        self._wrapped: list[WrappingCheckBox] = []
        for statement in wording.statements:
            row = WrappingCheckBox(statement.text)
            row.box.toggled.connect(self._on_edited)
            self.statements[statement.id] = row.box
            self._wrapped.append(row)
            statements_layout.addWidget(row)
        photos = QGroupBox(wording.photos_heading)
        photos_layout = QVBoxLayout(photos)
        self.photo_clinical = YesNo(wording.photo_clinical)
        self.photo_marketing = YesNo(wording.photo_marketing)
        for choice in (self.photo_clinical, self.photo_marketing):
            choice.group.buttonToggled.connect(self._on_edited)
            photos_layout.addWidget(choice)
        electronic = WrappingCheckBox(wording.electronic_signature)
        self._wrapped.append(electronic)
        self.electronic = electronic.box
        self.electronic.toggled.connect(self._on_edited)
        self.client_box = SignatureBox(self.tr("Your signature"))
        self.guardian_box = SignatureBox(
            self.tr("Parent or guardian's signature"), self.tr("Cl&ear")
        )
        for signature_box in (self.client_box, self.guardian_box):
            signature_box.pad.changed.connect(self._on_edited)

        column = scrolling_column(self)
        column.addWidget(self.changed_note)
        column.addWidget(self.text)
        column.addWidget(self.read_hint)
        column.addWidget(statements_box)
        column.addWidget(photos)
        column.addWidget(electronic)
        column.addWidget(self.client_box)
        column.addWidget(self.guardian_box)
        column.addStretch(1)
        self._read_to_end = False

    def _minor(self) -> bool:
        record = self._draft.record
        return age_on(record.client.date_of_birth, record.consultation_date) < ADULT_AGE

    def _html(self) -> str:
        draft = self._draft
        sections = consent_sections(
            draft.record, draft.assessment.plan, draft.catalogue, self._clinic
        )
        return "".join(
            f"<h3>{escape(heading)}</h3><p>{escape(text)}</p>" for heading, text in sections
        )

    def initializePage(self) -> None:
        self._loading = True
        self.text.setHtml(self._html())
        consent = self._draft.record.consent
        voided = consent is not None and consent.fingerprint != self._fingerprint()
        self.changed_note.setText(
            self.tr(
                "Please read the consent again, tick each statement and sign again: this "
                "version of MNeedle Desktop records which plan you agree to."
            )
            if consent is not None and not consent.fingerprint
            else self.tr(
                "The plan changed after you signed. Please read the consent again, tick "
                "each statement and sign again."
            )
        )
        self.changed_note.setVisible(voided)
        if voided:
            # What the client agreed to is no longer the plan: every answer and every
            # signature is void, the practitioner's countersignature with them.
            self._draft.update(consent=None, signatures=())
            consent = None
        self._read_to_end = bool(consent and consent.read_to_end)
        for sid, box in self.statements.items():
            box.setChecked(bool(consent and consent.statements.get(sid, False)))
        self.photo_clinical.set_value(consent.photo_clinical if consent else None)
        self.photo_marketing.set_value(consent.photo_marketing if consent else None)
        self.electronic.setChecked(bool(consent and consent.electronic_signature))
        for role, signature_box in (
            (SignatureRole.CLIENT, self.client_box),
            (SignatureRole.GUARDIAN, self.guardian_box),
        ):
            signature = self._draft.record.signature(role)
            signature_box.pad.set_strokes(
                signature.strokes if signature else (), typed=bool(signature and signature.typed)
            )
        client = self._draft.record.client
        self.client_box.pad.set_signer(f"{client.given_name} {client.family_name}")
        guardian = self._draft.record.guardian
        self.guardian_box.pad.set_signer(guardian.name if guardian else "")
        self.guardian_box.setVisible(self._minor())
        self._loading = False
        self._on_scrolled()
        self._update()

    @Slot()
    def _on_scrolled(self) -> None:
        """Read to the end: scrolled to the bottom, or the whole text fits in view."""
        bar = self.text.verticalScrollBar()
        at_bottom = bar.maximum() > 0 and bar.value() >= bar.maximum()
        if at_bottom or (bar.maximum() == 0 and self._fits()):
            self._read_to_end = True
        self._update()

    def _fits(self) -> bool:
        viewport = self.text.viewport()
        if not self.text.isVisible() or viewport.height() < self.text.minimumHeight() // 2:
            return False  # not laid out yet
        document = self.text.document()
        document.setTextWidth(viewport.width())
        return document.size().height() <= viewport.height()

    def _update(self) -> None:
        self.read_hint.setVisible(not self._read_to_end)
        for row in self._wrapped:
            row.setEnabled(self._read_to_end)
        for signature_box in (self.client_box, self.guardian_box):
            pad = signature_box.pad
            problem = pad.problem()
            signature_box.problem.setText("" if problem is None or not pad.strokes() else problem)
        self.completeChanged.emit()

    def _signatures(self) -> tuple[Signature, ...]:
        wording = self._draft.catalogue.consent
        record = self._draft.record
        client = record.client
        out = []
        if self.client_box.pad.problem() is None:
            out.append(
                _kept_or_new(
                    self.client_box.pad,
                    record.signature(SignatureRole.CLIENT),
                    SignatureRole.CLIENT,
                    f"{client.given_name} {client.family_name}",
                    wording.meanings["client"],
                )
            )
        guardian = record.guardian
        if self._minor() and guardian and self.guardian_box.pad.problem() is None:
            out.append(
                _kept_or_new(
                    self.guardian_box.pad,
                    record.signature(SignatureRole.GUARDIAN),
                    SignatureRole.GUARDIAN,
                    guardian.name,
                    wording.meanings["guardian"],
                )
            )
        keep = record.signature(SignatureRole.PRACTITIONER)
        return tuple(out) + ((keep,) if keep else ())

    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        self._update()
        self._store()

    def _store(self) -> None:
        wording = self._draft.catalogue.consent
        self._draft.update(
            consent=ConsentAnswers(
                version=wording.version,
                fingerprint=self._fingerprint(),
                read_to_end=self._read_to_end,
                statements={sid: box.isChecked() for sid, box in self.statements.items()},
                electronic_signature=self.electronic.isChecked(),
                photo_clinical=self.photo_clinical.value(),
                photo_marketing=self.photo_marketing.value(),
            ),
            signatures=self._signatures(),
        )

    def _fingerprint(self) -> str:
        draft = self._draft
        return consent_fingerprint(draft.record, draft.assessment.plan, draft.catalogue)

    def isComplete(self) -> bool:
        ready = (
            self._read_to_end
            and all(b.isChecked() for b in self.statements.values())
            and self.electronic.isChecked()
            and self.photo_clinical.value() is not None
            and self.photo_marketing.value() is not None
            and self.client_box.pad.problem() is None
        )
        if self._minor():
            ready = ready and self.guardian_box.pad.problem() is None
        return ready

    def validatePage(self) -> bool:
        self._store()
        return True
