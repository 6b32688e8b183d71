"""Atomic writes: a temporary file in the same directory, then os.replace.

A crash or a full disk never leaves a half-written article or report behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, TextIO


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """`durable=False` skips the fsync: for caches, which verify what they read
    and can lose an entry to a power cut, but must not pay ~5 ms per file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, write: Callable[[TextIO], None]) -> None:
    """Render text through `write(stream)` and store it atomically as UTF-8."""
    import io

    buffer = io.StringIO()
    write(buffer)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))
