"""A clinic's own intervals and wording, layered over the bundled content.

The override file (``clinical-overrides.toml`` in the data folder) may set, per rule id::

    [rules.isotretinoin]
    interval = { months = 3 }
    practitioner_note = "Our clinic waits 3 months (2017 ASDS consensus)."

and the clinic's policy for under-18s::

    [policy]
    minors = "not_suitable"

Anything else is refused with the file, line and key, so a typo never silently does nothing.
"""

import hashlib
import tomllib
from dataclasses import replace

from mneedle_desktop.domain.catalogue import Catalogue, MinorsPolicy, Rule
from mneedle_desktop.domain.catalogue_load import WORDING_KEYS, check_wording, read_interval
from mneedle_desktop.domain.toml_reader import Reader, decode_error

OVERRIDE_FILENAME = "clinical-overrides.toml"


def override_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def apply_overrides(catalogue: Catalogue, text: str, file_name: str) -> Catalogue:
    """The catalogue with the clinic's overrides applied, or ``ContentError``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise decode_error(file_name, e) from e
    doc = Reader(data, file_name, text)
    doc.only({"rules", "policy"})

    rules = {rule.id: rule for rule in catalogue.rules}
    rules_table = doc.opt_table("rules")
    if rules_table is not None:
        for rule_id in rules_table.data:
            if rule_id not in rules:
                raise rules_table.error(rule_id, "is not a rule id of this content version")
            rules[rule_id] = _override_rule(rules[rule_id], rules_table.table(rule_id))

    minors = catalogue.minors_policy
    policy = doc.opt_table("policy")
    if policy is not None:
        policy.only({"minors"})
        value = policy.text_value("minors")
        try:
            minors = MinorsPolicy(value)
        except ValueError:
            raise policy.error(
                "minors", f"should be guardian_consent or not_suitable, not {value!r}"
            ) from None

    return replace(
        catalogue,
        rules=tuple(rules[rule.id] for rule in catalogue.rules),
        minors_policy=minors,
        version=f"{catalogue.version}+clinic.{override_hash(text)}",
    )


def _override_rule(rule: Rule, table: Reader) -> Rule:
    table.only({"interval", *WORDING_KEYS})
    changes: dict[str, object] = {}
    interval_table = table.opt_table("interval")
    if interval_table is not None:
        if rule.interval is None:
            raise table.error("interval", "this rule has no interval to change")
        changes["interval"] = read_interval(interval_table)
    for key in WORDING_KEYS:
        value = table.opt_text(key)
        if value is not None:
            if not value.strip():
                raise table.error(key, "cannot be empty")
            check_wording(table, key, value)
            changes[key] = value
    return replace(rule, **changes)  # type: ignore[arg-type]
