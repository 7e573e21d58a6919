"""After the CA answers: loading its reply, the chain, the checks, and packaging for upload."""
