"""Page 9: a summary, and "Sign and save" (the PDF comes with the document feature)."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from mneedle_desktop.domain.consent import consent_problems
from mneedle_desktop.ui.date_edit import format_date
from mneedle_desktop.ui.wizard.draft import WizardDraft
from mneedle_desktop.ui.wizard.screening_panel import outcome_words


class DonePage(QWizardPage):
    def __init__(self, draft: WizardDraft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(self.tr("Done"))
        self.setSubTitle(
            self.tr("Check the summary, then Sign and save PDF: the record is then locked.")
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        record = self._draft.record
        assessment = self._draft.assessment
        plan = assessment.plan
        consent = record.consent
        yes_no = {True: self.tr("yes"), False: self.tr("no"), None: "—"}
        lines = [
            self.tr("Client: {name}").format(
                name=f"{record.client.given_name} {record.client.family_name}"
            ),
            self.tr("Screening: {words}").format(words=outcome_words(assessment.decision)),
        ]
        if plan is not None:
            start = format_date(plan.earliest_start) if plan.earliest_start else ""
            lines.append(
                self.tr("Plan: {n} sessions, {w} weeks apart, from {start}").format(
                    n=plan.sessions, w=plan.interval_weeks, start=start
                )
            )
            choice = record.plan
            if choice is not None and choice.device:
                device = self._draft.catalogue.devices.get(choice.device)
                lines.append(
                    self.tr("Device: {device}; numbing cream: {a}; test patch: {p}").format(
                        device=device.label if device else choice.device,
                        a=yes_no[choice.topical_anaesthetic],
                        p=yes_no[choice.test_patch],
                    )
                )
            for area in plan.areas:
                if area.chosen_mm is not None:
                    lines.append(f"  {area.label}: {area.chosen_mm:g} mm")
            if assessment.decision.precautions:
                lines.append(
                    self.tr("Precautions: {list}").format(
                        list="; ".join(p.text for p in assessment.decision.precautions)
                    )
                )
        if consent is not None:
            lines.append(
                self.tr("Photographs for the clinical record: {a}; for marketing: {b}").format(
                    a=yes_no[consent.photo_clinical], b=yes_no[consent.photo_marketing]
                )
            )
        lines.append(
            self.tr("Signatures: {roles}").format(
                roles=", ".join(s.role.value for s in record.signatures) or "—"
            )
        )
        self.summary.setText("\n".join(lines))
        self.refresh_problems()

    def refresh_problems(self) -> None:
        assessment = self._draft.assessment
        problems = consent_problems(
            self._draft.record, assessment.decision, assessment.plan, self._draft.catalogue
        )
        # The service adds the signing practitioner; only what the pages collect is shown.
        self.problems.setText("\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        assessment = self._draft.assessment
        return not consent_problems(
            self._draft.record, assessment.decision, assessment.plan, self._draft.catalogue
        )
