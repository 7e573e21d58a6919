"""What to do after the key and CSR are written: one text for the CLI and the wizard alike."""

from __future__ import annotations

from datetime import date

from csrwizard.names import CERT_NAME
from csrwizard.pki.validity import BR_MAXIMUM_DAYS, ENDPOINT_CENTRAL_LIMIT_DAYS


def validity_schedule() -> str:
    """'200 days from 2026-03-15, 100 days from 2027-03-15, ...', from the rule table itself."""
    dated = sorted((since, days) for since, days in BR_MAXIMUM_DAYS if since != date.min)
    return ", ".join(f"{days} days from {since:%Y-%m-%d}" for since, days in dated)


def certreq_line(csr_name: str) -> str:
    """How an internal Microsoft CA (AD CS) is asked for the certificate, from a domain machine."""
    return f'certreq -submit -attrib "CertificateTemplate:WebServer" {csr_name} {CERT_NAME}'


ADCS_SAN_WARNING = (
    "AD CS drops the CSR's subject alternative names unless the CA allows them "
    "(certutil -setreg policy\\EditFlags +EDITF_ATTRIBUTESUBJECTALTNAME2, then restart the CA) "
    "or the template takes the names from the request (Supply in the request): "
    "a check of the certificate shows whether they survived."
)


def next_steps(csr_name: str, key_name: str, internal_ca: bool = False, in_wizard: bool = False) -> list[str]:
    """The numbered steps, each one sentence or two, without numbers (the face numbers them).

    `in_wizard`: the wizard's own actions named in place of commands.
    """
    if internal_ca:
        submit = [
            f"Submit {csr_name} to the internal CA, e.g. on a machine in the domain: {certreq_line(csr_name)}. "
            f"Keep {key_name} safe: the certificate is useless without it.",
            ADCS_SAN_WARNING,
        ]
    else:
        submit = [
            f"Submit {csr_name} to your CA. Keep {key_name} safe: the certificate is useless without it.",
            f"Public CAs issue at most {validity_schedule()} (CA/B Forum BR 6.3.2); "
            f"Endpoint Central needs less than {ENDPOINT_CENTRAL_LIMIT_DAYS} days.",
        ]
    check = "the menu's 4, Check the CA's reply," if in_wizard else "csrwizard check,"
    return [
        *submit,
        "The key is RSA, the only kind Endpoint Central accepts.",
        f"When the certificate comes back: {check} then upload under Admin > Security Settings > "
        "Manage SSL Certificates and enable HTTPS in Admin > Server Settings.",
        "The certificate must match the server's NAT address set in Endpoint Central.",
    ]
