"""The executable's entry point: the same `run` as the installed `csrwizard` command."""

from csrwizard.cli import run

if __name__ == "__main__":
    run()
