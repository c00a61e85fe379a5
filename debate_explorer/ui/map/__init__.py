"""The argument-map panel's parts: palette, scene items, the view and its toolbar.

:class:`debate_explorer.ui.map.view.MapView` assembles them; each module here
is small so it can be read (and tested) on its own.
"""
