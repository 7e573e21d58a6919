"""What the journey tests share: the seed's example, a CA run by the openssl CLI, a trust store
made as a public root's is (SSL_CERT_FILE, never --trust), a TLS server on 127.0.0.1 serving the
folder's files, and the README's own commands.

The seed's example is the one on the vendor's page: IN, TN, Chennai, ZOHO, www.zoho.com, and the
SANs *.domain.com, manageengine.com, ems.com, desktopcentral.com.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import run_openssl
from tests.tls_server import LocalServer

README = Path(__file__).resolve().parent.parent / "README.md"
SEED = {
    "country": "IN",
    "state": "TN",
    "locality": "Chennai",
    "organization": "ZOHO",
    "common_name": "www.zoho.com",
    "sans": "*.domain.com, manageengine.com, ems.com, desktopcentral.com",
}
SEED_NAMES = ["www.zoho.com", "*.domain.com", "manageengine.com", "ems.com", "desktopcentral.com"]
PFX_PASSWORD = "pfx secret"

_LEAF_EXTENSIONS = """basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
"""
_CA_EXTENSIONS = """basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
"""


@dataclass
class OpensslCA:
    """A root and an intermediate made by the openssl CLI, signing CSRs as a public CA does
    (the request's subject and SANs, with a server EKU), in a folder of its own."""

    folder: Path

    @classmethod
    def make(cls, folder: Path) -> "OpensslCA":
        folder.mkdir(parents=True, exist_ok=True)
        run_openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.crt",
            "-subj", "/O=Journey Trust/CN=Journey Root CA", "-days", "3650",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            cwd=folder,
        )  # fmt: skip
        run_openssl(
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "issuing.key", "-out", "issuing.csr",
            "-subj", "/O=Journey Trust/CN=Journey Issuing CA RSA", cwd=folder,
        )  # fmt: skip
        (folder / "ca.ext").write_text(_CA_EXTENSIONS)
        (folder / "leaf.ext").write_text(_LEAF_EXTENSIONS)
        run_openssl(
            "x509", "-req", "-in", "issuing.csr", "-CA", "root.crt", "-CAkey", "root.key", "-CAcreateserial",
            "-out", "issuing.crt", "-days", "1800", "-extfile", "ca.ext", cwd=folder,
        )  # fmt: skip
        return cls(folder)

    @property
    def root(self) -> Path:
        return self.folder / "root.crt"

    @property
    def intermediate(self) -> Path:
        return self.folder / "issuing.crt"

    def sign(self, csr: Path, out: Path, days: int = 90) -> Path:
        """The certificate for `csr`, then the CA's reply as a .p7b (certificate and intermediate),
        as many CAs send it."""
        leaf = self.folder / "leaf.crt"
        run_openssl(
            "x509", "-req", "-in", str(csr.resolve()), "-CA", "issuing.crt", "-CAkey", "issuing.key",
            "-CAcreateserial", "-out", str(leaf), "-days", str(days), "-extfile", "leaf.ext",
            "-copy_extensions", "copyall", cwd=self.folder,
        )  # fmt: skip
        run_openssl(
            "crl2pkcs7", "-nocrl", "-certfile", str(leaf), "-certfile", "issuing.crt", "-outform", "DER",
            "-out", str(out.resolve()), cwd=self.folder,
        )  # fmt: skip
        return out


def trust_like_a_public_root(monkeypatch, ca: OpensslCA, store_folder: Path) -> Path:
    """The machine's store holds the CA's root, as it holds a public CA's: csrwizard finds it
    through SSL_CERT_FILE, for this process and every one it starts."""
    from csrwizard.pki import chain

    store_folder.mkdir(parents=True, exist_ok=True)
    store = store_folder / "trusted-roots.pem"
    shutil.copyfile(ca.root, store)
    monkeypatch.setenv("SSL_CERT_FILE", str(store))
    chain._system_trusted_roots.cache_clear()
    return store


def serve_folder(folder: Path) -> LocalServer:
    """Endpoint Central after the upload and the restart: serves server.crt, intermediate.crt and
    server.key from the folder, over TLS on 127.0.0.1."""
    chain = folder / ".served-chain.pem"
    chain.write_bytes((folder / "server.crt").read_bytes() + (folder / "intermediate.crt").read_bytes())
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, folder / "server.key")
    chain.unlink()

    def serve(connection):
        with context.wrap_socket(connection, server_side=True) as tls:
            tls.recv(1)

    return LocalServer(serve)


def readme_code_lines() -> list[str]:
    """Every command line in the README's code blocks, continuation lines joined, comments cut."""
    lines, joined = [], ""
    in_block = False
    for raw in README.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("```"):
            in_block = not in_block
            continue
        if not in_block or not line:
            continue
        joined += line
        if joined.endswith(("\\", "^", "`")):  # sh, cmd and PowerShell continue a line so
            joined = joined[:-1].rstrip() + " "
            continue
        lines.append(joined)
        joined = ""
    return lines


def readme_command(start: str, exact: bool = False) -> list[str]:
    """The README's command that starts with `start` (or is exactly it), as words, its comment cut:
    the journeys run what the README prints, so a README that drifts from the program fails here."""
    for line in readme_code_lines():
        command = _without_comment(line)
        if command == start or (not exact and command.startswith(start)):
            return shlex.split(command)
    raise AssertionError(f"the README has no command starting {start!r}")


def _without_comment(line: str) -> str:
    return re.split(r"\s{2,}#\s", line, maxsplit=1)[0].strip()


def csrwizard_command() -> list[str]:
    """The installed `csrwizard` command beside this Python, as the quick start installs it."""
    beside = Path(sys.executable).with_name("csrwizard.exe" if os.name == "nt" else "csrwizard")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "csrwizard"]


def run_csrwizard(words: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """One command as an admin types it, in the folder, with the environment's trust store."""
    if words and words[0] == "csrwizard":
        words = words[1:]
    return subprocess.run(
        [*csrwizard_command(), *words], cwd=cwd, capture_output=True, text=True, timeout=120, **kwargs
    )


def start_journey(tmp_path: Path, monkeypatch) -> tuple[Path, OpensslCA]:
    """An empty working folder, a CA, and its root in the machine's store, for one whole journey."""
    folder = tmp_path / "ec"
    folder.mkdir()
    ca = OpensslCA.make(tmp_path / "ca")
    trust_like_a_public_root(monkeypatch, ca, tmp_path / "store")
    monkeypatch.setenv("PFX_PASS", PFX_PASSWORD)
    return folder, ca


def readme_daily_line(folder: Path) -> list[str]:
    """The README's cron line, without cron's schedule and log redirection, for this folder."""
    words = readme_command("0 8 * * * csrwizard check --dir")[5:]
    words = words[: words.index(">>")] if ">>" in words else words
    return [str(folder) if w == "/srv/ec-certs" else w for w in words]


def assert_daily_line_ok(folder: Path) -> None:
    """The daily line, exactly as the README writes it: exit 0 and one line on a healthy folder."""
    daily = run_csrwizard(readme_daily_line(folder), folder)
    assert daily.returncode == 0, daily.stdout + daily.stderr
    assert daily.stdout.startswith("csrwizard check OK") and len(daily.stdout.strip().splitlines()) == 1
