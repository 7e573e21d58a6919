"""Child for bench_create.py --fixed-key and --instructions: `csrwizard create --batch` with its key
read from a file instead of generated, so that what is left is what the inputs cost.

RSA key generation searches for primes at random: one 2048-bit key takes 50 ms, the next 600 ms,
so it drowns a few milliseconds' difference between two inputs. Here the key thread reads a key
made beforehand (no consistency check, as a made key needs none); everything else runs as the
installed command runs it, in the same order, through `csrwizard.cli.run`.

    python bench/create_fixed_key.py KEY_FILE create --batch ...
"""

from __future__ import annotations

import sys


def main() -> None:
    key_file, arguments = sys.argv[1], sys.argv[2:]
    import csrwizard.request.key_generation as key_generation

    def key_from_file(size: int):
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        with open(key_file, "rb") as pem:
            return load_pem_private_key(pem.read(), None, unsafe_skip_rsa_key_validation=True)

    key_generation.make_key = key_from_file  # what KeyInBackground.started imports when it starts
    sys.argv = ["csrwizard", *arguments]
    from csrwizard.cli import run

    run()


if __name__ == "__main__":
    main()
