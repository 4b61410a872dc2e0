"""The assessment wizard: one draft shared by the pages, saved on every page change and a
couple of seconds after the last edit; the screening result beside every page."""

from PySide6.QtCore import QSettings, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QLayout, QWidget, QWizard, QWizardPage

from mneedle_desktop.domain.accounts import Account
from mneedle_desktop.domain.clinic import ClinicProfile
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.consultations import ConsultationService, NotReadyError
from mneedle_desktop.storage.errors import StoreError
from mneedle_desktop.ui.dialogs import Dialogs
from mneedle_desktop.ui.form_widgets import fit_on_screen
from mneedle_desktop.ui.pdf_export import export_pdf
from mneedle_desktop.ui.wizard.areas_page import AreasPage
from mneedle_desktop.ui.wizard.client_page import ClientPage
from mneedle_desktop.ui.wizard.consent_page import ConsentPage
from mneedle_desktop.ui.wizard.countersign_page import CountersignPage
from mneedle_desktop.ui.wizard.done_page import DonePage
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.history_page import HistoryPage
from mneedle_desktop.ui.wizard.page_ids import PageId
from mneedle_desktop.ui.wizard.plan_page import PlanPage
from mneedle_desktop.ui.wizard.screening_page import ScreeningPage
from mneedle_desktop.ui.wizard.screening_panel import ScreeningPanel
from mneedle_desktop.ui.wizard.skin_page import SkinPage

SIZE_KEY = "wizard/size"
DEFAULT_SIZE = QSize(1000, 720)
KEEP, DISCARD, STAY = 0, 1, 2


class ConsultationWizard(QWizard):
    """Signals:
    consultation_closed(Consultation): the practitioner signed a deferral or not-suitable
        outcome.
    """

    consultation_closed = Signal(object)

    def __init__(
        self,
        consultations: ConsultationService,
        dialogs: Dialogs,
        consultation: Consultation,
        parent: QWidget | None = None,
        *,
        clinic: ClinicProfile | None = None,
        practitioner: Account | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = consultations
        self._dialogs = dialogs
        self._leaving = False
        record = consultation.record
        self._title = self.tr("Consultation: {name}").format(
            name=f"{record.client.given_name} {record.client.family_name}"
        )
        self.setWindowTitle(self._title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.draft = WizardDraft(consultations, consultation, self)
        self.draft.save_failed.connect(self._on_draft_save_failed)
        self.draft.save_recovered.connect(self._on_draft_save_recovered)
        self.panel = ScreeningPanel(self.draft)
        self.setSideWidget(self.panel)
        self.pages: dict[PageId, QWizardPage] = {}
        for page_id, page in (
            (PageId.CLIENT, ClientPage(self.draft)),
            (PageId.HISTORY, HistoryPage(self.draft)),
            (PageId.SKIN, SkinPage(self.draft)),
            (PageId.AREAS, AreasPage(self.draft)),
            (PageId.SCREENING, ScreeningPage(self.draft)),
            (PageId.PLAN, PlanPage(self.draft)),
            (PageId.CONSENT, ConsentPage(self.draft, clinic)),
            (PageId.COUNTERSIGN, CountersignPage(self.draft, practitioner)),
            (PageId.DONE, DonePage(self.draft)),
        ):
            self.setPage(page_id, page)
            self.pages[page_id] = page
        # Pages are walked through from the start up to the saved one when the wizard
        # first shows, so Back leads where it did before the draft was closed.
        self._resume_to: PageId | None = self._resume_page(consultation.page)
        self._walking = False
        self._pages_laid_out = False
        self.currentIdChanged.connect(self._on_current_id_changed)
        self.draft.changed.connect(self._update_finish_text)
        size = QSettings().value(SIZE_KEY, DEFAULT_SIZE)
        self.resize(fit_on_screen(size if isinstance(size, QSize) else DEFAULT_SIZE, self))
        self._update_finish_text()

    def _resume_page(self, saved: int) -> PageId:
        """The saved page, unless the answers since make it unreachable (the plan of a
        client who is now deferred)."""
        page = PageId(min(max(saved, 0), max(PageId)))
        if page > PageId.SCREENING and self.draft.assessment.plan is None:
            return PageId.SCREENING
        if page > PageId.SCREENING and self.draft.assessment.decision.outcome in (
            Outcome.DEFER,
            Outcome.NOT_SUITABLE,
        ):
            return PageId.SCREENING
        return page

    @property
    def consultation(self) -> Consultation:
        return self.draft.consultation

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._pages_laid_out:
            self._pages_laid_out = True
            QTimer.singleShot(0, self._lay_out_pages)  # once the wizard is drawn
        target, self._resume_to = self._resume_to, None
        if target is None:
            return
        start = self.currentId()
        self._walking = True
        try:
            while 0 <= self.currentId() < target:
                page = self.currentPage()
                if page is None or not page.isComplete():
                    break  # stop where something needs doing (a voided consent, say)
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break  # a page refused to be left: stay there
        finally:
            self._walking = False
        if self.currentId() != start:
            self._on_current_id_changed(self.currentId())

    @Slot()
    def _lay_out_pages(self) -> None:
        """Lay out the pages not shown yet, at the size of the one shown: a page's first
        turn then only shows and paints it. Measured on the 50,000-client store, the
        medical history's first turn went from 14.6 to 10.6 ms (medians), and opening the
        wizard takes about 9 ms more."""
        current = self.currentPage()
        # On the consent page the side panel is hidden: the others are narrower.
        if current is None or not self.isVisible() or not self.panel.isVisible():
            return
        for page in self.pages.values():
            if page is not current and not page.isVisible():
                page.resize(current.size())
                for layout in page.findChildren(QLayout):
                    layout.activate()

    @Slot(int)
    def _on_current_id_changed(self, page_id: int) -> None:
        if self._walking:
            return  # passing through on the way back to the saved page
        if page_id >= 0:
            self.draft.save(page_id, audit=True)
        # The client reads the consent page: nothing of the practitioner's beside it.
        self.panel.setVisible(page_id != PageId.CONSENT)
        self._update_finish_text()

    @Slot()
    def _update_finish_text(self) -> None:
        self.setButtonText(
            QWizard.WizardButton.FinishButton,
            self.tr("Sign and &save PDF")
            if self.currentId() == PageId.DONE
            else self.tr("&Sign and close"),
        )

    @Slot(str)
    def _on_draft_save_failed(self, message: str) -> None:
        self.setWindowTitle(self.tr("{title} (not saved yet)").format(title=self._title))
        self._dialogs.error(
            self,
            self.tr("Draft not saved"),
            self.tr(
                "{message}\nYour answers are kept in this window and saving is tried again "
                "every few seconds. Do not close the window until this title no longer says "
                '"not saved yet".'
            ).format(message=message),
        )

    @Slot()
    def _on_draft_save_recovered(self) -> None:
        self.setWindowTitle(self._title)

    def accept(self) -> None:
        """Finish: sign and close a deferral or not-suitable outcome; otherwise save the
        draft to continue later."""
        outcome = self.draft.assessment.decision.outcome
        if outcome in (Outcome.DEFER, Outcome.NOT_SUITABLE):
            if not self._dialogs.confirm(
                self,
                self.tr("Sign and close?"),
                self.tr(
                    "You sign this outcome as the practitioner. The consultation is then "
                    "stored and can no longer be changed (you can add a dated note later)."
                ),
                self.tr("&Sign and close"),
            ):
                return
            if not self.draft.save(self.currentId(), audit=True):
                return
            try:
                closed = self._service.close_without_treatment(self.draft.consultation)
            except NotReadyError as e:
                self._dialogs.warn(self, self.tr("Not signed yet"), str(e))
                return
            except StoreError as e:
                self._dialogs.error(self, self.tr("Not signed"), str(e))
                return
            self.draft.consultation = closed
            self.consultation_closed.emit(closed)
            export_pdf(self, self._service, self._dialogs, closed)  # the letter
        else:
            if not self.draft.save(self.currentId(), audit=True):
                return
            try:
                signed = self._service.sign_consent(self.draft.consultation, self.draft.record)
            except NotReadyError as e:
                self._dialogs.warn(self, self.tr("Not signed yet"), "\n".join(e.reasons))
                return
            except StoreError as e:
                self._dialogs.error(self, self.tr("Not signed"), str(e))
                return
            self.draft.consultation = signed
            self.consultation_closed.emit(signed)
            export_pdf(self, self._service, self._dialogs, signed)
        self._remember_size()
        super().accept()

    def reject(self) -> None:
        """Cancel: keep the draft for later, or discard it."""
        if self._leaving:
            super().reject()
            return
        choice = self._dialogs.ask(
            self,
            self.tr("Leave this consultation?"),
            self.tr("Keep it as a draft to finish later, or discard what was entered?"),
            (self.tr("&Keep draft"), self.tr("&Discard"), self.tr("&Stay")),
            escape=STAY,
        )
        if choice == STAY:
            return
        if choice == DISCARD:
            try:
                self._service.discard(self.draft.consultation)
            except StoreError as e:
                self._dialogs.error(self, self.tr("Not discarded"), str(e))
                return
            self.draft.stop()
        elif not self.draft.save(self.currentId(), audit=True):
            return  # the failure was shown; the answers stay in this window
        self._remember_size()
        self._leaving = True
        super().reject()

    def done(self, result: int) -> None:
        """Closed from outside (the app locking): keep the draft, ask nothing."""
        if self.isVisible() and result == QWizard.DialogCode.Rejected and not self._leaving:
            self._leaving = True
            if self.draft.consultation.editable:
                self.draft.save(max(self.currentId(), 0), audit=False)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving or not self.isVisible():
            event.accept()
            return
        self.reject()
        event.ignore()

    def _remember_size(self) -> None:
        QSettings().setValue(SIZE_KEY, self.size())
