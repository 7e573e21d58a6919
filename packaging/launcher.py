"""The executable's entry point: the same `main` as the installed `csrwizard` command."""

import sys

from csrwizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
