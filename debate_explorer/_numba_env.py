"""Point numba's compilation cache at a writable per-user directory.

This must run before numba compiles anything: numba reads NUMBA_CACHE_DIR at
import, and on a read-only install its default (beside the source files) makes
every ``cache=True`` function fail to import.

The cache lives in a subdirectory named after a hash of the core's source.
numba only checks the file of each cached function, not the files of the jitted
functions it calls, so after an edit or an upgrade a kernel could otherwise
load with a stale copy of a helper inlined into it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

CORE = Path(__file__).resolve().parent / "core"  # every jitted function lives in the core


def source_fingerprint() -> str:
    digest = hashlib.sha1()
    for path in sorted(CORE.rglob("*.py")):
        digest.update(str(path.relative_to(CORE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def configure_numba_cache() -> None:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    from platformdirs import user_cache_dir

    tag = source_fingerprint()
    for base in (Path(user_cache_dir("debate-explorer")), Path(tempfile.gettempdir()) / "debate-explorer"):
        target = base / "numba" / tag
        try:
            target.mkdir(parents=True, exist_ok=True)
            probe = target / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError:
            continue
        os.environ["NUMBA_CACHE_DIR"] = str(target)
        _prune(target)
        _reload_if_imported()
        return


STALE_AFTER_S = 7 * 24 * 3600


def _prune(keep: Path) -> None:
    """Drop caches of other source versions unused for a week (another checkout may still use one)."""
    now = time.time()
    for other in keep.parent.iterdir():
        try:
            if other != keep and other.is_dir() and now - other.stat().st_mtime > STALE_AFTER_S:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            continue


def _reload_if_imported() -> None:
    """numba read its settings when it was imported; make it see the new cache dir."""
    if "numba" in sys.modules:
        from numba.core import config

        config.reload_config()
