"""The clinic and its practitioner, as entered at first start and printed on documents."""

from dataclasses import dataclass

from mneedle_desktop.domain.contact import EMAIL_HINT, PHONE_HINT, is_email, is_phone
from mneedle_desktop.domain.validation import FieldError, ValidationError

MAX_LOGO_BYTES = 2 * 1024 * 1024

PROFESSIONS = (
    "Registered nurse",
    "Doctor",
    "Dermatologist",
    "Dentist",
    "Aesthetic practitioner",
    "Beauty therapist",
)


DEFAULT_AUTO_LOCK_MINUTES = 5
MAX_AUTO_LOCK_MINUTES = 120
# UK guidance for adult records: 8 years after the last treatment. A clinic may keep longer.
DEFAULT_RETENTION_YEARS = 8
MAX_RETENTION_YEARS = 100


@dataclass(frozen=True)
class ClinicProfile:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES
    # Off by default: a file name is seen by anyone who sees the folder.
    name_in_file_names: bool = False
    # How long signed records are kept after the client's last consultation.
    retention_years: int = DEFAULT_RETENTION_YEARS


@dataclass(frozen=True)
class PractitionerProfile:
    full_name: str
    profession: str
    registration_number: str


@dataclass(frozen=True)
class ClinicSetup:
    clinic: ClinicProfile
    practitioner: PractitionerProfile


def validate_clinic(profile: ClinicProfile) -> ClinicProfile:
    p = ClinicProfile(
        name=" ".join(profile.name.split()),
        address=profile.address.strip(),
        phone=profile.phone.strip(),
        email=profile.email.strip(),
        logo_png=profile.logo_png,
        auto_lock_minutes=profile.auto_lock_minutes,
        name_in_file_names=profile.name_in_file_names,
        retention_years=profile.retention_years,
    )
    errors: list[FieldError] = []
    if not p.name:
        errors.append(FieldError("clinic.name", "Clinic name is required."))
    if not p.phone:
        errors.append(
            FieldError("clinic.phone", "Clinic phone is required: aftercare sheets print it.")
        )
    elif not is_phone(p.phone):
        errors.append(FieldError("clinic.phone", PHONE_HINT))
    if p.email and not is_email(p.email):
        errors.append(FieldError("clinic.email", EMAIL_HINT))
    if not 1 <= p.auto_lock_minutes <= MAX_AUTO_LOCK_MINUTES:
        errors.append(
            FieldError(
                "clinic.auto_lock_minutes",
                f"Lock after 1 to {MAX_AUTO_LOCK_MINUTES} minutes without use.",
            )
        )
    if not 1 <= p.retention_years <= MAX_RETENTION_YEARS:
        errors.append(
            FieldError(
                "clinic.retention_years",
                f"Keep signed records 1 to {MAX_RETENTION_YEARS} years after the last "
                "consultation.",
            )
        )
    if p.logo_png is not None and len(p.logo_png) > MAX_LOGO_BYTES:
        errors.append(FieldError("clinic.logo", "The logo is larger than 2 MB."))
    if errors:
        raise ValidationError(errors)
    return p


def validate_practitioner(
    profile: PractitionerProfile, *, for_signing: bool = True
) -> PractitionerProfile:
    """The trimmed profile. A name is always needed; profession and registration number
    are needed by anyone who signs consent forms (``for_signing``)."""
    p = PractitionerProfile(
        full_name=" ".join(profile.full_name.split()),
        profession=" ".join(profile.profession.split()),
        registration_number=profile.registration_number.strip(),
    )
    errors: list[FieldError] = []
    if not p.full_name:
        errors.append(FieldError("practitioner.full_name", "Your name is required."))
    if for_signing and not p.profession:
        errors.append(FieldError("practitioner.profession", "Profession is required."))
    if for_signing and not p.registration_number:
        errors.append(
            FieldError(
                "practitioner.registration_number",
                "Registration or membership number is required: consent forms print it.",
            )
        )
    if errors:
        raise ValidationError(errors)
    return p


def validate_setup(setup: ClinicSetup) -> ClinicSetup:
    """Validate both halves and report every error at once."""
    errors: list[FieldError] = []
    clinic = practitioner = None
    try:
        clinic = validate_clinic(setup.clinic)
    except ValidationError as e:
        errors.extend(e.errors)
    try:
        practitioner = validate_practitioner(setup.practitioner)
    except ValidationError as e:
        errors.extend(e.errors)
    if errors or clinic is None or practitioner is None:
        raise ValidationError(errors)
    return ClinicSetup(clinic, practitioner)
