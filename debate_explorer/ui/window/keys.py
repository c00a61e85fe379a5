"""Keys that cross panels: Space on the map goes to the Inspector's credence, Esc comes back.

The map and the Inspector do not know each other; the window joins them here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut


def connect_panel_keys(w) -> None:
    def to_credence() -> None:
        if w.ctx.selected is None:
            return
        w.docks["inspector"].show()
        w.docks["inspector"].raise_()
        w.inspector.credence.spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        w.inspector.credence.spin.selectAll()

    w.map.credenceRequested.connect(to_credence)
    back = QShortcut(
        QKeySequence(Qt.Key.Key_Escape), w.inspector, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    back.activated.connect(lambda: w.map.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
