"""What is left after the certificate is checked: Endpoint Central's upload, the restart, the probe."""

from __future__ import annotations

from csrwizard.names import CERT_NAME, CHAIN_NAME, HTTPS_PORT, KEY_NAME, PFX_NAME, numbered_chain_name


def upload_steps(host: str | None, intermediates: int = 1, in_wizard: bool = False, renewal=None) -> list[str]:
    """The remaining steps, in order, without numbers (the face numbers them).

    `in_wizard`: said for the wizard's Check screen, whose own actions do what the commands do.
    `renewal`: the checks' PendingRenewal, when a newer key and CSR wait for the CA. Then the
    certificate checked is the one in force, whose key is a backup: server.key is the renewal's,
    and uploading it with this certificate would break HTTPS.
    """
    chain = CHAIN_NAME
    if intermediates > 1:
        chain += f" (or {numbered_chain_name(1)} ... {numbered_chain_name(intermediates)}, one per field)"
    target = f"{host}:{HTTPS_PORT}" if host else f"HOST:{HTTPS_PORT}"
    builds_pfx = "F6, Build .pfx, on this screen makes it" if in_wizard else "csrwizard pfx builds it"
    confirm = (
        f"Confirm what it serves: Probe (Ctrl+P) on this screen, with {target}"
        if in_wizard
        else f"Confirm what it serves: csrwizard probe {target}"
    )
    if renewal is not None:
        check_again = "Check (Ctrl+L) its reply on this screen" if in_wizard else "csrwizard check --cert FILE --write"
        return [
            f"Nothing to upload now: this is the certificate in force, and {renewal.key_name} is already the "
            f"renewal's new key, which does not match it. Do not upload {renewal.key_name} with {CERT_NAME}.",
            f"When the CA signs {renewal.csr_name or 'the renewal'}: {check_again}, then upload what it writes "
            "and restart the Endpoint Central service.",
            confirm,
        ]
    return [
        f"Upload in Endpoint Central, Admin > Security Settings > Manage SSL Certificates: {CERT_NAME}, "
        f"{chain} and {KEY_NAME}, or {PFX_NAME} ({builds_pfx}).",
        "Restart the Endpoint Central service, so that it serves the new certificate.",
        confirm,
    ]


def default_probe_host(nat_address: str | None, leaf) -> str | None:
    """The server to probe when none was typed: the NAT address given (what the agents connect to,
    and what the certificate was checked against), else the certificate's name (probe_host)."""
    return nat_address or probe_host(leaf)


def probe_host(leaf) -> str | None:
    """The server the last step probes when no address was given: the certificate's CN, which is
    the name clients use; None without one, or for a wildcard, which names no server."""
    from csrwizard.x509_fields import common_name

    if leaf is None:
        return None
    try:
        name = common_name(leaf.subject)
    except (ValueError, TypeError):  # a subject this build cannot read
        return None
    return name if name and not name.startswith("*") else None
