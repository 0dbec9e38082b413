"""Check a store's write-ahead logs before opening it: a damaged log is an error, not a loss.

RocksDB (under Oxigraph) replays its write-ahead log on open and, at the first record whose
checksum fails, stops and carries on with what it read: a log garbled in the middle (a bad
disk, a copy cut short and patched) silently loses every write after the damage (measured:
256 bytes garbled in the log of a killed load, 56 of 109 readouts left, no error). pyoxigraph
has no option to make that an error, so kg reads the logs itself first.

The log format (RocksDB's log_format.h): 32 KiB blocks of records, each a header (masked
CRC-32C, 2-byte length, 1-byte type; recyclable types add a 4-byte log number) and its
payload. The tail of a log may be torn by a crash (the last write never completed): RocksDB
drops it, and so does this check. What it reports is damage *followed by good records*: data
that was committed and would be dropped. MANIFEST files use the same format; RocksDB refuses a
damaged one itself (see EmbeddedStore, which turns its errors into one line).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from kg.errors import StoreError

BLOCK = 32768
_HEADER = 7
_RECYCLABLE_HEADER = 11
_TYPES = {1, 2, 3, 4, 9, 10}  # full, first, middle, last, compression type, timestamp sizes
_RECYCLABLE_TYPES = {5, 6, 7, 8, 11}
_MASK_DELTA = 0xA282EAD8


class StoreDamaged(StoreError):
    """The store's files are damaged; a restore from a dump is the way out."""


def damaged(path: Path | str, what: str) -> StoreDamaged:
    return StoreDamaged(f"{path}: the store is damaged ({what}); restore it from a dump into a new folder: "
                        f"kg restore BACKUP.nq --store NEW-FOLDER")


def _crc32c() -> Callable[[bytes], int]:
    try:
        import crc32c  # hardware CRC-32C: a log of 64 MB in milliseconds
    except ImportError:
        return _crc32c_python
    return crc32c.crc32c  # type: ignore[no-any-return]


def _table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _table()


def _crc32c_python(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _unmask(masked: int) -> int:
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


def first_lost_record(data: bytes, log_number: int | None = None,
                      crc: Callable[[bytes], int] | None = None) -> int | None:
    """The offset of damage in a log that good records follow (None: the log is whole, or only
    its tail is torn).

    `log_number`: the number in the file's name. RocksDB reuses old log files: past the end of
    what this log wrote lie records of the file's previous life, well formed but stamped with
    another log number (the recyclable record types carry it). They end the log; they are not
    writes that would be lost."""
    crc = crc or _crc32c()
    damage: int | None = None
    for block_start in range(0, len(data), BLOCK):
        block = data[block_start:block_start + BLOCK]
        pos = 0
        while len(block) - pos >= _HEADER:
            masked, length, kind = struct.unpack_from("<IHB", block, pos)
            if masked == 0 and length == 0 and kind == 0:
                break  # zero padding or a preallocated, never written end: the rest of the block
            header = _RECYCLABLE_HEADER if kind in _RECYCLABLE_TYPES else _HEADER
            end = pos + header + length
            good = (kind in _TYPES or kind in _RECYCLABLE_TYPES) and end <= len(block) \
                and crc(bytes([kind]) + block[pos + _HEADER:end]) == _unmask(masked)
            if not good:
                if damage is None:
                    damage = block_start + pos
                break  # the rest of this block cannot be read: try the next block
            if header == _RECYCLABLE_HEADER and log_number is not None and \
                    struct.unpack_from("<I", block, pos + _HEADER)[0] != log_number & 0xFFFFFFFF:
                return None  # a record of the file's previous life: this log ended before it
            if damage is not None:
                return damage  # a good record after damage: committed writes would be dropped
            pos = end
    return None


def check_logs(store_path: Path | str) -> None:
    """StoreDamaged if a write-ahead log or MANIFEST of the store has damage good records follow."""
    folder = Path(store_path)
    crc = _crc32c()
    for log in sorted(folder.iterdir()):
        if not (log.suffix == ".log" or log.name.startswith("MANIFEST-")) or not log.is_file():
            continue
        try:
            data = log.read_bytes()
        except FileNotFoundError:
            continue  # removed by a writer meanwhile (its writes are in table files now)
        except OSError as exc:
            raise damaged(folder, f"{log.name} cannot be read: {exc.strerror}") from exc
        digits = log.name.split("-")[-1].split(".")[0]
        offset = first_lost_record(data, int(digits) if digits.isdigit() else None, crc)
        if offset is not None:
            raise damaged(folder, f"{log.name} is garbled at byte {offset}, and writes after it would be lost")
