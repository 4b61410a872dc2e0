"""Turning a password into a key with scrypt, a memory-hard function (standard library)."""

import json
import os
from dataclasses import dataclass

SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost: ``n`` (CPU/memory), ``r`` (block size), ``p`` (parallelism)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def to_json(self) -> str:
        return json.dumps({"alg": "scrypt", "n": self.n, "r": self.r, "p": self.p})

    @classmethod
    def from_json(cls, text: str) -> "KdfParams":
        data = json.loads(text)
        if data.get("alg") != "scrypt":
            raise ValueError(f"unknown key derivation {data.get('alg')!r}")
        return cls(int(data["n"]), int(data["r"]), int(data["p"]))


# OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB).
OWASP_SCRYPT = KdfParams()


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    memory = 128 * params.n * params.r * params.p
    import hashlib  # loaded at the first sign-in, not at start-up

    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=memory + 16 * 1024 * 1024,
        dklen=KEY_BYTES,
    )
