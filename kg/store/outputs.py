"""Where a command may write a file (`kg dump -o`, `kg export -o`): a regular file, written
whole or not at all.

A file is written beside its target and renamed over it when complete, so an interrupted or
failed write (a full disk) never leaves half a file under the target's name. A rename replaces
whatever has the name: a device (`/dev/full` replaced by a regular file, as root), a named
pipe another program reads, a symbolic link (the link replaced, its target left stale). So a
target that exists and is not a regular file is refused instead, with one line.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.errors import StoreError, UsageError

_KINDS = (
    (stat.S_ISLNK, "a symbolic link (give the path it points to)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def check_output_path(path: str | Path) -> Path:
    """`path` if a regular file may be written there (UsageError naming what is in the way)."""
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"{target}: folder {folder} does not exist") from None
        return target
    except OSError as exc:
        raise UsageError(f"{target}: cannot write here ({exc.strerror})") from exc
    if stat.S_ISREG(mode):
        return target
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise UsageError(f"{target}: is {kind}; kg writes only regular files (or - for standard output)")


def _usual_mode(tmp: Path, target: Path) -> None:
    """The permissions a plain open() would give (mkstemp makes 0600): the target's own when it
    exists, else 0666 less the umask."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


@contextlib.contextmanager
def written_whole(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path` to write; renamed onto `path` when the block ends well.

    The target is checked first (check_output_path); a failed write (OSError: a full disk, a
    read-only folder) becomes one StoreError naming the file, and leaves no temporary file.
    """
    target = check_output_path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise StoreError(f"{target}: cannot write ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    _usual_mode(tmp, target)
    try:
        yield tmp
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        check_output_path(target)  # nothing put in the way meanwhile
        os.replace(tmp, target)
    except OSError as exc:
        raise StoreError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
