"""csrwizard: certificate signing requests a CA will accept, and keys that are never lost."""

__version__ = "0.1.0"
