"""Making a new RSA key, and nothing else: the batch run's key thread imports only this, so the
key starts before the heavier serialization and x509 modules load."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import rsa

from csrwizard.names import DEFAULT_KEY_SIZE, KEY_SIZES

PUBLIC_EXPONENT = 65537


def key_size_problem(size: int) -> str | None:
    if size not in KEY_SIZES:
        return f"{size} is not offered; choose {', '.join(map(str, KEY_SIZES))}"
    return None


def make_key(size: int = DEFAULT_KEY_SIZE) -> rsa.RSAPrivateKey:
    """A new RSA key. Slow for 4096 bits (it releases the GIL, so a thread keeps a UI live)."""
    problem = key_size_problem(size)
    if problem:
        raise ValueError(problem)
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=size)


def key_size_from_text(text: str) -> tuple[int | None, str | None]:
    """A typed key size: (size, None) when offered, else (None, why not)."""
    try:
        size = int(text.strip())
    except ValueError:
        return None, f"{text.strip()!r} is not a number; choose {', '.join(map(str, KEY_SIZES))}"
    problem = key_size_problem(size)
    return (None, problem) if problem else (size, None)
