"""The `opensslsan.conf` of the vendor's manual path: written so `openssl req -config` makes the
same subject and SANs, and read back to prefill the wizard."""

from __future__ import annotations

import re

from csrwizard.names import CONFIG_NAME, DEFAULT_KEY_SIZE, KEY_NAME
from csrwizard.request.subject import Subject, SubjectInput

CONFIG_KEYS = {
    "country": "countryName",
    "state": "stateOrProvinceName",
    "locality": "localityName",
    "organization": "organizationName",
    "organizational_unit": "organizationalUnitName",
    "common_name": "commonName",
}
_ALIASES = {
    "c": "country",
    "st": "state",
    "l": "locality",
    "o": "organization",
    "ou": "organizational_unit",
    "cn": "common_name",
    **{key.lower(): name for name, key in CONFIG_KEYS.items()},
}
# Characters openssl's config parser treats specially in a value.
_SPECIAL = re.compile(r'([\\$#"\'])')


def _escape(value: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", value)
    # Leading or trailing blanks would be trimmed by the parser.
    return escaped


def render_config(subject: Subject, key_size: int = DEFAULT_KEY_SIZE) -> str:
    """An openssl req config giving the same subject (UTF-8 strings) and SANs, CN first."""
    lines = [
        f"# Written by csrwizard. Use: openssl req -new -key {KEY_NAME} -config {CONFIG_NAME}",
        "[ req ]",
        "prompt = no",
        f"default_bits = {key_size}",
        "default_md = sha256",
        "utf8 = yes",
        "string_mask = utf8only",
        "distinguished_name = req_distinguished_name",
        "req_extensions = req_ext",
        "",
        "[ req_distinguished_name ]",
    ]
    for field_name, config_key in CONFIG_KEYS.items():
        value = getattr(subject, field_name)
        if value:
            lines.append(f"{config_key} = {_escape(value)}")
    lines += ["", "[ req_ext ]", "subjectAltName = @alt_names", "", "[ alt_names ]"]
    counters = {"DNS": 0, "IP": 0}
    for name in subject.san_names:
        counters[name.kind] += 1
        lines.append(f"{name.kind}.{counters[name.kind]} = {name.value}")
    return "\n".join(lines) + "\n"


def _unescape(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    out, escaped = [], False
    for char in value:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "#":
            break
        else:
            out.append(char)
    return "".join(out).strip()


def parse_config(text: str) -> SubjectInput:
    """The subject and SANs of an openssl req config (the vendor's or ours), as typed input."""
    sections: dict[str, dict[str, str]] = {}
    current = ""
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith(";"):
            continue
        if line.startswith("[") and "]" in line:
            current = line[1 : line.index("]")].strip()
            continue
        key, sep, value = line.partition("=")
        if sep:
            sections.setdefault(current, {})[key.strip()] = _unescape(value)
    request = sections.get("req", {})
    dn_section = sections.get(request.get("distinguished_name", "req_distinguished_name"), {})
    typed = SubjectInput()
    for key, value in dn_section.items():
        name = _ALIASES.get(key.lower())
        if name and not key.lower().endswith("_default"):
            setattr(typed, name, value)
    # The CN is always the first SAN; keep it implicit in the typed form.
    cn = typed.common_name.casefold()
    typed.sans = ", ".join(v for v in _san_values(sections, request) if v.casefold() != cn)
    return typed


def _san_values(sections: dict[str, dict[str, str]], request: dict[str, str]) -> list[str]:
    extension_section = sections.get(request.get("req_extensions", "req_ext"), {})
    alt = extension_section.get("subjectAltName", "")
    if alt.startswith("@"):
        entries = sections.get(alt[1:].strip(), {})
        return [value for key, value in entries.items() if key.split(".")[0].upper() in ("DNS", "IP") and value]
    values = []
    for part in alt.split(","):
        kind, _, value = part.strip().partition(":")
        if kind.upper() in ("DNS", "IP") and value.strip():
            values.append(value.strip())
    return values
