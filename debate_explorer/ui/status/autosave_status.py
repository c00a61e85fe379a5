"""A warning in the window while autosave is failing (a full disk, no permission).

The first failure of a streak also shows a dialog: the user believes unsaved
work is protected, and must learn at once that it is not. Later failures only
keep the status-bar warning up; the next successful autosave clears it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

STYLE = "color: #CC3311; font-weight: bold; padding: 0 6px;"


class AutosaveStatus(QLabel):
    def __init__(self, window: QWidget) -> None:
        super().__init__("")
        self.setObjectName("autosave-status")
        self.setStyleSheet(STYLE)
        self.window_ = window
        self.message: str | None = None
        self.hide()

    def failed(self, message: str) -> None:
        first = self.message is None
        self.message = message
        self.setText("⚠ Autosave failed — save your work")
        self.setToolTip(message)
        self.show()
        if first:
            QMessageBox.warning(
                self.window_,
                "Autosave failed",
                f"Your unsaved changes could not be autosaved:\n\n{message}\n\n"
                "They are not protected against a crash until you save them.",
            )

    def succeeded(self) -> None:
        if self.message is not None:
            self.message = None
            self.setToolTip("")
            self.hide()
