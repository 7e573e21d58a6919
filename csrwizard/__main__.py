"""Allows `python -m csrwizard`."""

import sys

from csrwizard.cli import main

sys.exit(main())
