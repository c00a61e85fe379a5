"""Point numba's compilation cache at a writable per-user directory.

This must run before numba is first imported: numba reads NUMBA_CACHE_DIR once,
and on a read-only install its default (beside the source files) makes every
``cache=True`` function fail to import.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def configure_numba_cache() -> None:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    from platformdirs import user_cache_dir

    for base in (Path(user_cache_dir("debate-explorer")), Path(tempfile.gettempdir()) / "debate-explorer"):
        target = base / "numba"
        try:
            target.mkdir(parents=True, exist_ok=True)
            probe = target / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError:
            continue
        os.environ["NUMBA_CACHE_DIR"] = str(target)
        _reload_if_imported()
        return


def _reload_if_imported() -> None:
    """numba read its settings when it was imported; make it see the new cache dir."""
    if "numba" in sys.modules:
        from numba.core import config

        config.reload_config()
