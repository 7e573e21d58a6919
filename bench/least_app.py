"""The least a Textual app can show, started as a program: the first screen's baseline.

    python bench/least_app.py [least|header-footer]

`least` is an App whose compose yields one Static; `header-footer` is bench_startup.py's bare
app (Header, Static, Footer). Both show the menu's question, so a pty bench can wait for the same
text on screen (bench/first_paint.py stops each there, for instruction counts).
"""

from __future__ import annotations

import sys

QUESTION = "What would you like to do?"


def least_app():
    from textual.app import App
    from textual.widgets import Static

    class LeastApp(App):
        def compose(self):
            yield Static(QUESTION)

    return LeastApp()


def header_footer_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class HeaderFooterApp(App):
        def compose(self):
            yield Header()
            yield Static(QUESTION)
            yield Footer()

    return HeaderFooterApp()


APPS = {"least": least_app, "header-footer": header_footer_app}


def main() -> None:
    APPS[sys.argv[1] if len(sys.argv) > 1 else "least"]().run()


if __name__ == "__main__":
    main()
