"""Keys as a support person says them on the phone: "Ctrl+N", "F1", "Esc", never "^n"."""

from __future__ import annotations

SPOKEN = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "backspace": "Backspace"}


def spoken_key(key: str) -> str:
    """`ctrl+n` -> `Ctrl+N`, `f1` -> `F1`, `escape` -> `Esc`, `c` -> `C`."""
    *modifiers, name = key.split("+")
    function_key = name[:1] == "f" and name[1:].isdigit()
    shown = SPOKEN.get(name, name.upper() if len(name) == 1 or function_key else name.capitalize())
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


# What every text field understands, said once in the help of any screen that has one.
FIELD_KEYS = (
    ("Up / Down", "the field above / below"),
    ("Ctrl+U", "clear left of the cursor"),
    ("Ctrl+K", "clear right of the cursor"),
    ("Home / End", "start / end of the field"),
)


def keys_of_screen(bindings, has_fields: bool) -> list[tuple[str, str]]:
    """(keys, what they do) for the help: each action once, its keys joined ("Ctrl+E or F2").

    `bindings` are the screen's active bindings (key -> ActiveBinding), the app's included. The
    keys a text field or a list handles itself are left to FIELD_KEYS.
    """
    from textual.app import App
    from textual.screen import Screen

    by_action: dict[str, tuple[list[str], str]] = {}
    for key, active in bindings.items():
        binding = active.binding
        if not isinstance(active.node, (App, Screen)) or binding.system or not binding.description:
            continue
        keys, _ = by_action.setdefault(binding.action, ([], binding.description))
        keys.append(spoken_key(key))
    listed = [(" or ".join(keys), description) for keys, description in by_action.values()]
    return listed + (list(FIELD_KEYS) if has_fields else [])
