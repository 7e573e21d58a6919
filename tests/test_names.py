"""One home for file names and defaults: no other module spells them out."""

import re
from pathlib import Path

import csrwizard
from csrwizard import names

PACKAGE = Path(csrwizard.__file__).parent
# A string literal that starts with one of our file names: "server.key", 'server.crt', f"server.{x}".
NAME_LITERAL = re.compile(r"""(?:\b[fbr])?["']server[.-]""")


def test_no_module_but_names_spells_a_default_file_name():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "names.py" or path.parent != PACKAGE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if NAME_LITERAL.search(line)
    ]
    assert offenders == []


def test_the_pattern_catches_a_literal_it_is_meant_to_catch():
    assert NAME_LITERAL.search('target = folder / "server.pfx"')
    assert NAME_LITERAL.search("open(f'server-decrypted.key')")
    assert not NAME_LITERAL.search('"Writes server.key beside it"')


def test_the_defaults_are_what_the_vendor_procedure_uses():
    assert (names.KEY_NAME, names.CSR_NAME) == ("server.key", "server.csr")
    assert names.DEFAULT_KEY_SIZE in names.KEY_SIZES and names.DEFAULT_KEY_FORMAT in names.KEY_FORMATS
    assert names.is_pkcs12_name(Path("Reply.PFX")) and not names.is_pkcs12_name(Path("server.crt"))
