"""The editable document: the scenario being edited, undo commands, app state."""
