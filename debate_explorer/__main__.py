"""``python -m debate_explorer`` is the same as the ``debate-explorer`` command."""

import sys

from debate_explorer.cli import main

sys.exit(main())
