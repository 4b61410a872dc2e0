import gc
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.ui.client_dialog import ClientDialog
from mneedle_desktop.ui.client_table_model import Column
from mneedle_desktop.ui.main_window import MainWindow
from tests.ui.scripted_dialogs import DialogHandler, ScriptedDialogs
from tests.ui.typing import type_text


def visible_names(window: MainWindow) -> list[str]:
    model = window.model
    if window.stack.currentWidget() is not window.table:
        return []
    return [
        f"{model.index(r, Column.GIVEN_NAME).data()} {model.index(r, Column.FAMILY_NAME).data()}"
        for r in range(model.rowCount())
    ]


def fill_client(
    qtbot: QtBot, dialog: ClientDialog, family: str, given: str, born: date, email: str = ""
) -> None:
    type_text(dialog.family_name, family)
    type_text(dialog.given_name, given)
    dialog.date_of_birth.set_value(born)
    if email:
        type_text(dialog.email, email)


def add_client_script(
    qtbot: QtBot, family: str, given: str, born: date, email: str = ""
) -> DialogHandler:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        fill_client(qtbot, dialog, family, given, born, email)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    return script


def test_empty_store_invites_the_first_client(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.empty_label
    assert "No clients yet" in window.empty_label.text()
    assert window.client_count.text() == "0 clients"
    assert not window.edit_client_action.isEnabled()
    assert not window.new_consultation_action.isEnabled()


def test_the_loaded_list_is_left_out_of_cycle_collections(qtbot: QtBot, window: MainWindow) -> None:
    """At 50,000 clients a full collection walking the list took up to 190 ms, at any
    keystroke; once loaded, the list is frozen out of the collector's reach."""
    window._services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    gc.unfreeze()
    window.refresh()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    assert window.model.rowCount() == 1


def test_add_a_client_through_the_dialog_then_find_it(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    dialogs.handlers.append(add_client_script(qtbot, "Ørsted", "Zoë", date(1990, 5, 12)))
    window.new_client_action.trigger()
    assert visible_names(window) == ["Zoë Ørsted"]
    assert window.selected_client_id() is not None
    assert window.client_count.text() == "1 client"

    dialogs.handlers.append(add_client_script(qtbot, "Smith", "Adam", date(1985, 12, 5)))
    window.new_client_action.trigger()
    assert visible_names(window) == ["Zoë Ørsted", "Adam Smith"]  # Ø sorts as O

    type_text(window.search, "zoe")
    assert visible_names(window) == ["Zoë Ørsted"]
    assert window.client_count.text() == "Showing 1 of 2 clients"

    window.search.clear()
    type_text(window.search, "12/05/1990")
    assert visible_names(window) == ["Zoë Ørsted"]

    window.search.clear()
    type_text(window.search, "nobody")
    assert window.stack.currentWidget() is window.empty_label
    assert "No client matches" in window.empty_label.text()


def test_missing_fields_are_shown_in_the_dialog_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        type_text(dialog.email, "not-an-email")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert "required" in dialog.form.error_text("family_name")
        assert "required" in dialog.form.error_text("date_of_birth")
        assert "name@example.com" in dialog.form.error_text("email")
        assert dialog.focusWidget() is dialog.family_name
        dialogs.confirm_answers.append(True)  # discard what was typed
        dialog.reject()

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    assert window.stack.currentWidget() is window.empty_label


def test_future_date_of_birth_is_refused_in_the_dialog(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        fill_client(qtbot, dialog, "Later", "Someone", date(2999, 1, 1))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert "future" in dialog.form.error_text("date_of_birth")
        dialogs.confirm_answers.append(True)
        dialog.reject()

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    assert visible_names(window) == []


def test_duplicate_is_flagged_before_saving(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    dialogs.handlers.append(add_client_script(qtbot, "Ørsted", "Zoë", date(1990, 5, 12)))
    window.new_client_action.trigger()

    def declined(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        fill_client(qtbot, dialog, "ORSTED", "zoe", date(1990, 5, 12))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible(), "declining the duplicate keeps the dialog open"
        dialogs.confirm_answers.append(True)
        dialog.reject()

    dialogs.handlers.append(declined)
    dialogs.confirm_answers.append(False)
    window.new_client_action.trigger()
    duplicate_question = dialogs.messages[-2]
    assert duplicate_question.title == "Possible duplicate"
    assert "Zoë Ørsted" in duplicate_question.text
    assert len(visible_names(window)) == 1

    dialogs.handlers.append(add_client_script(qtbot, "ORSTED", "zoe", date(1990, 5, 12)))
    dialogs.confirm_answers.append(True)
    window.new_client_action.trigger()
    assert len(visible_names(window)) == 2


def test_edit_a_client(qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs) -> None:
    services = window._services
    client = services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    window.refresh(select=client.id)

    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        assert dialog.family_name.text() == "Smith"
        assert dialog.date_of_birth.value() == date(1985, 12, 5)
        dialog.family_name.clear()
        type_text(dialog.family_name, "Smith-Jones")
        qtbot.keyClick(dialog.family_name, Qt.Key.Key_Return)

    dialogs.handlers.append(script)
    window.edit_client_action.trigger()
    assert visible_names(window) == ["Adam Smith-Jones"]
    with services.store.read() as s:
        actions = [e.action for e in s.audit.entries() if e.entity == "client"]
    assert actions == ["create", "view", "update"]


def test_double_click_opens_the_client(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    window._services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    window.refresh()
    opened: list[str] = []

    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        opened.append(dialog.given_name.text())
        dialog.reject()

    dialogs.handlers.append(script)
    index = window.model.index(0, Column.GIVEN_NAME)
    rect = window.table.visualRect(index)
    # A real double click is a press-release pair followed by a double-click event.
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["Adam"]


def test_keyboard_find_and_enter_moves_to_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window._services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    window.refresh()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    type_text(window.search, "ada")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.table.hasFocus()
    assert window.selected_client_id() is not None
    assert window.edit_client_action.isEnabled()
    window.search.setFocus()
    window.table.clearSelection()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)  # Down goes to the list too
    assert window.table.hasFocus()
    assert window.selected_client_id() is not None


def test_sorting_by_date_of_birth(window: MainWindow) -> None:
    services = window._services
    services.clients.add(ClientDetails("Young", "Y", date(2000, 1, 1)))
    services.clients.add(ClientDetails("Old", "O", date(1950, 1, 1)))
    window.refresh()
    window.table.sortByColumn(Column.DATE_OF_BIRTH, Qt.SortOrder.AscendingOrder)
    assert visible_names(window) == ["O Old", "Y Young"]
    window.table.sortByColumn(Column.DATE_OF_BIRTH, Qt.SortOrder.DescendingOrder)
    assert visible_names(window) == ["Y Young", "O Old"]


def test_client_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, window: MainWindow
) -> None:
    for n in range(5):
        window._services.clients.add(ClientDetails(f"Family{n}", "Given", date(1980, 1, n + 1)))
    window.refresh()
    qtmodeltester.check(window.model, force_py=True)


def test_about_shows_version_data_folder_and_schema(
    window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    window.about_action.trigger()
    [message] = dialogs.messages
    assert "0.1.0" in message.text
    assert str(window._about.data_dir) in message.text
    assert "schema version: 1" in message.text  # as the fixture's AboutInfo says


def test_date_of_birth_is_typed_as_the_locale_writes_it(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        type_text(dialog.family_name, "Lane")
        type_text(dialog.given_name, "Lois")
        type_text(dialog.date_of_birth, "31/02/1990")
        qtbot.keyClick(dialog.date_of_birth, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "not a real date" in dialog.form.error_text("date_of_birth")
        dialog.date_of_birth.clear()
        type_text(dialog.date_of_birth, "13/06/1991")
        qtbot.keyClick(dialog.date_of_birth, Qt.Key.Key_Return)

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    [summary] = window._services.clients.summaries()
    assert summary.date_of_birth == date(1991, 6, 13)


def test_enter_saves_after_a_failed_attempt(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        fill_client(qtbot, dialog, "Lane", "Lois", date(1980, 2, 1))
        qtbot.keyClick(dialog.given_name, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    assert visible_names(window) == ["Lois Lane"]


def test_escape_with_typed_details_asks_before_discarding(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        type_text(dialog.family_name, "Lane")
        dialogs.confirm_answers.append(False)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible(), "keeping the typing keeps the dialog"
        assert dialogs.messages[-1].title == "Discard changes?"
        dialogs.confirm_answers.append(True)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    assert window._services.clients.summaries() == []


def test_escape_on_an_untouched_dialog_just_closes(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def script(dialog: QDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    dialogs.handlers.append(script)
    window.new_client_action.trigger()
    assert dialogs.messages == []


def test_enter_on_the_selected_client_opens_it(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    window._services.clients.add(ClientDetails("Smith", "Adam", date(1985, 12, 5)))
    window.refresh()
    opened: list[str] = []

    def script(dialog: QDialog) -> None:
        assert isinstance(dialog, ClientDialog)
        opened.append(dialog.family_name.text())
        dialog.reject()

    dialogs.handlers.append(script)
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == ["Smith"]


def test_every_action_is_in_the_menus_with_a_shortcut(window: MainWindow) -> None:
    menus = [a.menu() for a in window.menuBar().actions()]
    in_menus = {a for menu in menus if isinstance(menu, QMenu) for a in menu.actions()}
    for action in (
        window.new_client_action,
        window.edit_client_action,
        window.find_action,
        window.clinic_action,
        window.about_action,
        window.quit_action,
    ):
        assert action in in_menus
        assert not action.shortcut().isEmpty(), action.text()


def test_the_client_count_comes_back_after_a_passing_message(window: MainWindow) -> None:
    """A menu's hint or "Backed up" covers the count for a moment; it used to wipe it."""
    window.show()
    assert window.client_count.isVisible()
    window.statusBar().showMessage("Open the selected client's history")
    assert not window.client_count.isVisible()
    window.statusBar().clearMessage()
    assert window.client_count.isVisible()
    assert window.client_count.text() == "0 clients"
