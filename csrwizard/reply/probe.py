"""`csrwizard probe`: what the server really serves, compared with the files in the folder.

After the upload, Endpoint Central serves the new certificate only once its service restarts;
until then browsers and agents still see the old one. This connects with TLS, trusting nothing
(so it works with any certificate, expired or not), reads the chain the server presents and
runs the same checks as `check` on it.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from cryptography import x509

from csrwizard.names import CERT_NAME, CHAIN_NAME, HTTPS_PORT, PROBE_TIMEOUT
from csrwizard.problems import CsrWizardError
from csrwizard.reply.checks import FAIL, PASS, WARN, CheckInputs, CheckResult, run_checks
from csrwizard.x509_fields import label

ChainFetcher = Callable[[str, int, str, float], list[x509.Certificate]]


class ProbeFailed(CsrWizardError):
    """The server could not be reached, or did not answer with TLS; the message says which."""


def parse_target(text: str) -> tuple[str, int]:
    """`host`, `host:port`, `[v6]:port` or a pasted URL, as (host, port); the port defaults to 8383."""
    from csrwizard.pki.hostnames import strip_url

    typed = text.strip()
    if "://" in typed:
        typed = typed.split("://", 1)[1]
    typed = typed.split("/", 1)[0]
    if typed.startswith("["):
        host, _, rest = typed[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif typed.count(":") == 1:
        host, port_text = typed.split(":")
    else:
        host, port_text = typed, ""
    host = strip_url(host)[0] if host else host
    if not host:
        raise ProbeFailed(f"{text!r} names no host")
    if not port_text:
        return host, HTTPS_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ProbeFailed(f"{port_text!r} is not a port number (1 to 65535)")
    return host, int(port_text)


def presented_chain(host: str, port: int, name: str, timeout: float = PROBE_TIMEOUT) -> list[x509.Certificate]:
    """The certificates the server sends in its TLS handshake, in the order it sends them."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the point is to see what is served, whatever it is
    where = f"{host}:{port}"
    try:
        connection = socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError:
        raise ProbeFailed(
            f"{where} refused the connection: is the Endpoint Central service running, and is {port} its HTTPS port?"
        ) from None
    except (socket.timeout, TimeoutError):
        raise ProbeFailed(
            f"{where} timed out: no answer within {timeout:g} s (a firewall, or the wrong address?)"
        ) from None
    except socket.gaierror:
        raise ProbeFailed(f"cannot find {host}: check the name, or give the address") from None
    except OSError as error:
        raise ProbeFailed(f"cannot connect to {where}: {error.strerror or error}") from None
    with connection:
        try:
            server_name = None if _is_address(name) else name
            with context.wrap_socket(connection, server_hostname=server_name) as tls:
                return [x509.load_der_x509_certificate(der) for der in _unverified_chain(tls)]
        except (socket.timeout, TimeoutError):
            raise ProbeFailed(f"{where} timed out: the TLS handshake did not finish within {timeout:g} s") from None
        except (ssl.SSLError, ConnectionError, ValueError) as error:
            reason = getattr(error, "reason", None) or type(error).__name__
            raise ProbeFailed(
                f"{where} is not TLS ({reason.lower().replace('_', ' ')}): is it the HTTP port? "
                f"Endpoint Central serves HTTPS on {HTTPS_PORT} by default"
            ) from None


def _unverified_chain(tls: ssl.SSLSocket) -> list[bytes]:
    public = getattr(tls, "get_unverified_chain", None)  # Python 3.13 and newer
    if public is not None:
        return [bytes(item) for item in public() or []]
    # Python 3.10 to 3.12 have the same call on the underlying object, before it was made public.
    private = getattr(getattr(tls, "_sslobj", None), "get_unverified_chain", None)
    if private is not None:
        import _ssl

        return [item.public_bytes(_ssl.ENCODING_DER) for item in private() or []]
    leaf = tls.getpeercert(binary_form=True)
    return [leaf] if leaf else []


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


@dataclass(frozen=True)
class ProbeReport:
    target: str
    presented: list[x509.Certificate]
    results: list[CheckResult]

    @property
    def failed(self) -> bool:
        return any(result.verdict == FAIL for result in self.results)


def probe(
    host: str,
    port: int,
    folder: Path,
    now: datetime,
    name: str | None = None,
    given_roots: list[x509.Certificate] = (),
    trusted_roots: list[x509.Certificate] = (),
    timeout: float = PROBE_TIMEOUT,
    fetch: ChainFetcher = presented_chain,
) -> ProbeReport:
    """Connect, read the presented chain, compare it with server.crt and intermediate.crt, check it."""
    name = name or host
    presented = fetch(host, port, name, timeout)
    if not presented:
        raise ProbeFailed(f"{host}:{port} answered TLS but presented no certificate")
    expected, folder_chain = _folder_files(folder)
    checks = run_checks(
        CheckInputs(presented, host=name, trusted_roots=list(trusted_roots), given_roots=list(given_roots)), now
    )
    served = checks.chain.leaf or presented[0]
    missing = [cert for cert in folder_chain if cert not in presented]
    results = [_compare(served, expected, folder)]
    if missing:
        names = ", ".join(label(cert) for cert in missing)
        results.append(
            CheckResult(
                "Served chain",
                FAIL,
                f"The server does not send {names} from {CHAIN_NAME}: upload {CHAIN_NAME} with the certificate",
            )
        )
    # No key or CSR takes part in a probe: their check would only say so.
    results += [result for result in checks.results if result.name != "Key match"]
    return ProbeReport(f"{host}:{port}", presented, results)


def _folder_files(folder: Path) -> tuple[x509.Certificate | None, list[x509.Certificate]]:
    from csrwizard.files.reading import read_bundle_file

    expected = None
    if (folder / CERT_NAME).is_file():
        certificates = read_bundle_file(folder / CERT_NAME).certificates
        expected = certificates[0] if certificates else None
    chain = read_bundle_file(folder / CHAIN_NAME).certificates if (folder / CHAIN_NAME).is_file() else []
    return expected, chain


def _compare(served: x509.Certificate, expected: x509.Certificate | None, folder: Path) -> CheckResult:
    served_end = f"{served.not_valid_after_utc:%Y-%m-%d}"
    if expected is None:
        return CheckResult(
            "Served certificate",
            WARN,
            f"The server presents '{label(served)}', expiring {served_end}; there is no {CERT_NAME} in "
            f"{folder.absolute()} to compare it with",
        )
    if served == expected:
        return CheckResult("Served certificate", PASS, f"The server presents {CERT_NAME} (expires {served_end})")
    expected_end = f"{expected.not_valid_after_utc:%Y-%m-%d}"
    if served.not_valid_after_utc < expected.not_valid_after_utc:
        what = f"The server still presents the certificate that expires on {served_end}"
        fix = "restart the Endpoint Central service (or upload it again, then restart)"
    else:
        what = f"The server presents another certificate ('{label(served)}', expires {served_end})"
        fix = f"upload {CERT_NAME} in Endpoint Central, then restart the service"
    return CheckResult("Served certificate", FAIL, f"{what}, not {CERT_NAME} (expires {expected_end}): {fix}")
