"""Files on disk: loss-proof writing, reading any PKI file, and private key files."""
