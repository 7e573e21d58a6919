"""What a .pfx asks of csrwizard before it is opened: whether it is PKCS#12 at all, and how many
key-derivation rounds it wants.

A .pfx names its own iteration counts, for its MAC and for each PBKDF2 or PKCS#12 PBE that
encrypts a part. One that asks for 2^31 - 1 keeps OpenSSL busy for about 17 minutes, and
OpenSSL already runs the MAC's count when asked whether the file needs a password. So the
counts are read from the file's structure first, and a file over the cap is refused at once.

The walk reads BER as Windows writes it (indefinite lengths, OCTET STRINGs in pieces), and is
bounded in depth and in elements, whatever the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from csrwizard.problems import CsrWizardError

# Real files: Windows exports 2,000 rounds; openssl 3 writes 2,048; Java's keytool 10,000;
# csrwizard itself 50,000. A million PBKDF2 rounds take about half a second.
MAX_ITERATIONS = 1_000_000

_PKCS7_DATA = "1.2.840.113549.1.7.1"
_PKCS7_SIGNED_DATA = "1.2.840.113549.1.7.2"
_PBKDF2 = "1.2.840.113549.1.5.12"
# Parameters SEQUENCE { salt, iterations }: PKCS#12's own PBEs and PKCS#5 v1.5 PBES1.
_SALT_THEN_ROUNDS = {
    *(f"1.2.840.113549.1.12.1.{n}" for n in range(1, 7)),
    *(f"1.2.840.113549.1.5.{n}" for n in (1, 3, 4, 6, 10, 11)),
}
_MAX_DEPTH = 40
_MAX_ELEMENTS = 1_000_000  # a real .pfx has a few hundred

_SEQUENCE, _INTEGER, _OCTET_STRING, _OID = 0x30, 0x02, 0x04, 0x06


class NotPkcs12(ValueError):
    """The bytes are not PKCS#12."""


class TooManyElements(Exception):
    """More ASN.1 elements than any real .pfx holds: not walked further."""


@dataclass
class _Node:
    tag: int
    content: bytes | list[_Node]


class _Budget:
    def __init__(self) -> None:
        self.left = _MAX_ELEMENTS

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooManyElements


def _parse(data: bytes, position: int, end: int, depth: int, budget: _Budget, until_end_mark: bool = False):
    """The elements between `position` and `end`, and where they stop."""
    if depth > _MAX_DEPTH:
        raise NotPkcs12("nested too deep")
    nodes: list[_Node] = []
    while position < end:
        if until_end_mark and data[position : position + 2] == b"\0\0":
            return nodes, position + 2
        budget.take()
        tag = data[position]
        position += 1
        if tag & 0x1F == 0x1F:  # a high tag number: never in PKCS#12's own structure
            raise NotPkcs12("high tag number")
        if position >= end:
            raise NotPkcs12("truncated")
        first = data[position]
        position += 1
        constructed = bool(tag & 0x20)
        if first == 0x80:  # BER indefinite length: content runs to an end mark
            if not constructed:
                raise NotPkcs12("indefinite primitive")
            children, position = _parse(data, position, end, depth + 1, budget, until_end_mark=True)
            nodes.append(_flatten(tag, children))
            continue
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            if count > 4 or position + count > end:
                raise NotPkcs12("bad length")
            length = int.from_bytes(data[position : position + count], "big")
            position += count
        if position + length > end:
            raise NotPkcs12("truncated")
        if constructed:
            children, _ = _parse(data, position, position + length, depth + 1, budget)
            nodes.append(_flatten(tag, children))
        else:
            nodes.append(_Node(tag, data[position : position + length]))
        position += length
    if until_end_mark:
        raise NotPkcs12("no end mark")
    return nodes, position


def _flatten(tag: int, children: list[_Node]) -> _Node:
    """A constructed OCTET STRING (BER, in pieces) as the one string it is."""
    if tag == _OCTET_STRING | 0x20:
        return _Node(_OCTET_STRING, b"".join(c.content for c in children if isinstance(c.content, bytes)))
    return _Node(tag, children)


def _oid(content: bytes) -> str:
    if not content:
        return ""
    parts = [content[0] // 40, content[0] % 40] if content[0] < 80 else [2, content[0] - 80]
    value = 0
    for byte in content[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def _children(node: _Node) -> list[_Node]:
    return node.content if isinstance(node.content, list) else []


def _integer(node: _Node) -> int | None:
    if node.tag != _INTEGER or not isinstance(node.content, bytes) or not node.content:
        return None
    return int.from_bytes(node.content, "big", signed=True)


def _top(data: bytes) -> _Node:
    """The PFX SEQUENCE { version 3, authSafe ContentInfo, macData }, or NotPkcs12."""
    nodes, _ = _parse(data, 0, len(data), 0, _Budget())
    if len(nodes) != 1 or nodes[0].tag != _SEQUENCE:
        raise NotPkcs12("not one SEQUENCE")
    parts = _children(nodes[0])
    if len(parts) < 2 or _integer(parts[0]) != 3 or parts[1].tag != _SEQUENCE:
        raise NotPkcs12("no version 3")
    content_info = _children(parts[1])
    if not content_info or content_info[0].tag != _OID:
        raise NotPkcs12("no content type")
    if _oid(content_info[0].content) not in (_PKCS7_DATA, _PKCS7_SIGNED_DATA):
        raise NotPkcs12("unknown content type")
    return nodes[0]


def is_pkcs12(data: bytes) -> bool:
    """Whether the bytes have PKCS#12's structure (however well its parts are made)."""
    try:
        _top(data)
    except NotPkcs12:
        return False
    except TooManyElements:
        return True  # said by refuse_costly_pkcs12
    return True


def iteration_counts(data: bytes) -> list[int]:
    """Every iteration count the file names: its MAC's, and each PBKDF2's or PBE's it can be
    seen to use before anything is decrypted. NotPkcs12 when the bytes are not PKCS#12."""
    top = _top(data)
    counts = []
    parts = _children(top)
    if len(parts) >= 3:  # macData SEQUENCE { mac DigestInfo, macSalt, iterations DEFAULT 1 }
        mac = _children(parts[2])
        if len(mac) >= 3 and (rounds := _integer(mac[2])) is not None:
            counts.append(rounds)
    budget = _Budget()
    stack = [(top, 0)]
    while stack:
        node, depth = stack.pop()
        budget.take()
        children = _children(node)
        if node.tag == _SEQUENCE and len(children) >= 2 and children[0].tag == _OID:
            oid = _oid(children[0].content)
            if oid == _PBKDF2 or oid in _SALT_THEN_ROUNDS:
                parameters = _children(children[1])
                if len(parameters) >= 2 and (rounds := _integer(parameters[1])) is not None:
                    counts.append(rounds)
        stack.extend((child, depth) for child in children)
        # The authenticated safe and each unencrypted SafeContents are DER inside an OCTET STRING.
        if node.tag == _OCTET_STRING and isinstance(node.content, bytes) and node.content[:1] == b"\x30":
            if depth < _MAX_DEPTH:
                try:
                    inner, _ = _parse(node.content, 0, len(node.content), 0, budget)
                except NotPkcs12:
                    continue
                stack.extend((child, depth + 1) for child in inner)
    return counts


def refuse_costly_pkcs12(data: bytes) -> None:
    """CsrWizardError, in one line, when the .pfx asks for more rounds than MAX_ITERATIONS."""
    try:
        counts = iteration_counts(data)
    except NotPkcs12:
        return
    except TooManyElements:
        raise CsrWizardError(
            f"this .pfx holds more than {_MAX_ELEMENTS:,} ASN.1 elements, far more than a real one: it was not opened"
        ) from None
    highest = max(counts, default=0)
    if highest > MAX_ITERATIONS:
        raise CsrWizardError(
            f"this .pfx asks for {highest:,} key-derivation rounds, more than the {MAX_ITERATIONS:,} csrwizard "
            "allows (real ones use 2,000 to 50,000): it was not opened"
        )
