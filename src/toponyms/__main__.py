"""``python -m toponyms`` runs the command line."""

import sys

from toponyms.cli import main

sys.exit(main())
