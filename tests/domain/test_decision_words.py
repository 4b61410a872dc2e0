from mneedle_desktop.domain.decision_words import kind_words, missing_words, rule_title
from mneedle_desktop.domain.screening import screen
from tests.domain.records import CATALOGUE, CONSULTATION_DATE, make_record

MINOR = {
    "id": "99999999-8888-4777-8666-555555555555",
    "family_name": "Test",
    "given_name": "Young",
    "date_of_birth": "2010-05-12",
}


def test_every_rule_has_a_title_in_the_content() -> None:
    untitled = [rule.id for rule in CATALOGUE.rules if not rule.title.strip()]
    assert untitled == []
    rule = CATALOGUE.rules[0]
    assert rule_title(rule.id, CATALOGUE) == rule.title


def test_an_id_outside_the_content_reads_as_words() -> None:
    assert rule_title("some_new_rule", CATALOGUE) == "Some new rule"


def test_a_minor_with_a_guardians_agreement_is_a_precaution_not_a_refusal() -> None:
    record = make_record(
        client=MINOR, guardian={"name": "Pat Test", "relationship": "mother", "consents": True}
    )
    [reason] = [
        r for r in screen(record, CONSULTATION_DATE, CATALOGUE).reasons if r.rule_id == "under_18"
    ]
    assert kind_words(reason) == "Precaution"


def test_a_refusing_guardian_makes_it_not_suitable() -> None:
    record = make_record(
        client=MINOR, guardian={"name": "Pat Test", "relationship": "mother", "consents": False}
    )
    [reason] = [
        r for r in screen(record, CONSULTATION_DATE, CATALOGUE).reasons if r.rule_id == "under_18"
    ]
    assert kind_words(reason) == "Not suitable"


def test_missing_answers_are_named_as_on_the_form() -> None:
    record = make_record(
        history={"isotretinoin": {"answer": "yes"}},
        areas=[{"area": "cheeks", "scar": {"type": "rolling"}}],
        skin=None,
    )
    decision = screen(record, CONSULTATION_DATE, CATALOGUE)
    words = [missing_words(m, record, CATALOGUE) for m in decision.missing]
    assert "Skin type (Fitzpatrick)" in words
    assert "Cheeks: skin thickness" in words
    question = CATALOGUE.questions["isotretinoin"].text
    assert any(w.startswith(question + " (") for w in words), words
    assert not any("[" in w or "medical_history" in w for w in words), words


def test_a_missing_question_reads_as_asked_with_its_interval_filled_in() -> None:
    for qid in CATALOGUE.questions:
        words = missing_words(f"medical_history.{qid}", make_record(), CATALOGUE)
        assert "{" not in words, qid
