"""The CSR csrwizard writes (PKCS #10), encoded here as DER: cryptography.x509 costs ~23 ms to
import, a sixth of a batch create, to write one fixed shape of structure.

The bytes are exactly those of cryptography's CertificateSigningRequestBuilder with the subject,
a non-critical SubjectAlternativeName and SHA-256 (the tests compare them, and openssl verifies
them): the subject one attribute per RDN in openssl's order C, ST, L, O, OU, CN, countryName a
PrintableString and the rest UTF8String; one extensionRequest attribute holding the SAN extension;
sha256WithRSAEncryption with NULL parameters. Reading CSRs stays with cryptography (request.csr).
"""

from __future__ import annotations

import base64
import ipaddress

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from csrwizard.request.subject import Subject

# Universal tags, and the context tags of the SAN's GeneralName choices (RFC 5280 4.2.1.6).
INTEGER, BIT_STRING, OCTET_STRING, NULL, OBJECT_IDENTIFIER = 0x02, 0x03, 0x04, 0x05, 0x06
UTF8_STRING, PRINTABLE_STRING, SEQUENCE, SET = 0x0C, 0x13, 0x30, 0x31
ATTRIBUTES = 0xA0  # [0] IMPLICIT SET OF Attribute, constructed
DNS_NAME, IP_ADDRESS = 0x82, 0x87  # [2] IA5String, [7] OCTET STRING, both primitive and implicit

NAME_OIDS = {
    "C": "2.5.4.6",
    "ST": "2.5.4.8",
    "L": "2.5.4.7",
    "O": "2.5.4.10",
    "OU": "2.5.4.11",
    "CN": "2.5.4.3",
}
EXTENSION_REQUEST = "1.2.840.113549.1.9.14"
SUBJECT_ALT_NAME = "2.5.29.17"
SHA256_WITH_RSA = "1.2.840.113549.1.1.11"
PRINTABLE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")


def der_length(length: int) -> bytes:
    """The short form below 128, else 0x80 + how many bytes follow, then the length big-endian."""
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + der_length(len(content)) + content


def sequence(*items: bytes) -> bytes:
    return tlv(SEQUENCE, b"".join(items))


def set_of(*items: bytes, tag: int = SET) -> bytes:
    # DER orders a SET OF by its elements' encodings (X.690 11.6); every set here has one.
    return tlv(tag, b"".join(sorted(items)))


def oid(dotted: str) -> bytes:
    first, second, *rest = (int(arc) for arc in dotted.split("."))
    body = bytearray()
    for arc in (40 * first + second, *rest):
        chunk = [arc & 0x7F]
        while arc > 0x7F:
            arc >>= 7
            chunk.append(0x80 | (arc & 0x7F))
        body += bytes(reversed(chunk))
    return tlv(OBJECT_IDENTIFIER, bytes(body))


def name_der(subject: Subject) -> bytes:
    """The subject Name: one single-attribute RDN per non-empty field, in openssl's order."""
    rdns = []
    for short, value in subject.components():
        if short == "C":
            if len(value) != 2 or not PRINTABLE.issuperset(value):
                raise ValueError(f"the country must be two letters, not {value!r}")
            text = tlv(PRINTABLE_STRING, value.encode("ascii"))
        elif short == "CN" and len(value.encode("utf-8")) > 64:
            # RFC 5280's ub-common-name, counted in bytes as cryptography's builder counted it.
            raise ValueError(f"the common name is over 64 bytes: {value!r}")
        else:
            text = tlv(UTF8_STRING, value.encode("utf-8"))
        rdns.append(set_of(sequence(oid(NAME_OIDS[short]), text)))
    return sequence(*rdns)


def general_names_der(subject: Subject) -> bytes:
    """The SAN's GeneralNames: DNS names as their A-label text (ASCII only), IPs as their bytes."""
    names = []
    for name in subject.san_names:
        if name.kind == "IP":
            names.append(tlv(IP_ADDRESS, ipaddress.ip_address(name.value).packed))
        else:
            names.append(tlv(DNS_NAME, name.value.encode("ascii")))  # a U-label here is a bug: refuse it
    return sequence(*names)


def request_info_der(subject: Subject, public_key: rsa.RSAPublicKey) -> bytes:
    """CertificationRequestInfo (RFC 2986 4.1): the part the signature covers."""
    key_info = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    # critical is left out, as DER requires of a BOOLEAN at its DEFAULT (FALSE).
    san_extension = sequence(oid(SUBJECT_ALT_NAME), tlv(OCTET_STRING, general_names_der(subject)))
    extension_request = sequence(oid(EXTENSION_REQUEST), set_of(sequence(san_extension)))
    version_1 = tlv(INTEGER, b"\x00")
    return sequence(version_1, name_der(subject), key_info, set_of(extension_request, tag=ATTRIBUTES))


def request_der(subject: Subject, key: rsa.RSAPrivateKey) -> bytes:
    """The signed CSR, DER: the subject, the non-critical SAN and an RSA SHA-256 signature."""
    if not isinstance(key, rsa.RSAPrivateKey):
        # The algorithm identifier below is RSA's: any other key would make a CSR that lies.
        raise TypeError(f"a CSR is signed here with an RSA key only, not {type(key).__name__}")
    info = request_info_der(subject, key.public_key())
    signature = key.sign(info, padding.PKCS1v15(), hashes.SHA256())
    algorithm = sequence(oid(SHA256_WITH_RSA), tlv(NULL, b""))
    return sequence(info, algorithm, tlv(BIT_STRING, b"\x00" + signature))  # 0 unused bits


def pem(der: bytes, label: str = "CERTIFICATE REQUEST") -> bytes:
    """PEM as cryptography and openssl write it: base64 in lines of 64, each ended by a newline."""
    text = base64.b64encode(der)
    lines = [text[start : start + 64] for start in range(0, len(text), 64)]
    begin, end = f"-----BEGIN {label}-----".encode(), f"-----END {label}-----".encode()
    return b"\n".join([begin, *lines, end]) + b"\n"


def request_pem(subject: Subject, key: rsa.RSAPrivateKey) -> bytes:
    return pem(request_der(subject, key))
