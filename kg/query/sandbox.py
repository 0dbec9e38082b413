"""Shut a worker process off the network and tie its life to its parent's (Linux).

The query worker runs text a user wrote. The safety check (kg/sparql/safety.py) refuses
SERVICE before a query runs, but the check parses with rdflib and the engine with Oxigraph:
any difference between the two parsers (the `\\u` escapes once were one) would let a query
reach a URL. So the worker also cannot open a network socket at all: a seccomp filter,
installed on every thread of the worker, answers `socket()` for any family but AF_UNIX (and
io_uring, which can open sockets too) with EPERM. A SERVICE call then fails inside Oxigraph,
whatever the text said.

`die_with_parent` ends this process soon after its parent dies (even by SIGKILL), so a killed
`kg load --jobs N`, `kg query` or `kg serve` leaves no worker behind.

This module uses only the standard library: the query worker loads it by path, without
importing the kg package (see worker.py).
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
import threading
import time

PR_SET_NO_NEW_PRIVS = 38
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
EPERM = 1
AF_UNIX = 1
X32_SYSCALL_BIT = 0x40000000

# BPF opcodes (linux/filter.h)
_LD_W_ABS = 0x00 | 0x00 | 0x20
_JEQ_K = 0x05 | 0x10 | 0x00
_JGE_K = 0x05 | 0x30 | 0x00
_RET_K = 0x06 | 0x00

SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1

# machine -> (AUDIT_ARCH_*, socket, io_uring_setup and seccomp system call numbers)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, 317),
    "aarch64": (0xC00000B7, 198, 425, 277),
}


class SandboxError(RuntimeError):
    """The network could not be shut off; the worker refuses to run queries then."""


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, arg2: int | ctypes.c_void_p, arg3: int = 0) -> None:
    libc = _libc()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    libc.prctl.restype = ctypes.c_int
    value = arg2 if isinstance(arg2, ctypes.c_void_p) else ctypes.c_void_p(arg2)
    if libc.prctl(option, value, arg3, 0, 0) != 0:
        err = ctypes.get_errno()
        raise SandboxError(f"prctl({option}) failed: {os.strerror(err)}")


def sandbox_supported() -> bool:
    """Whether this platform can shut a process off the network (Linux on x86_64 or aarch64)."""
    return sys.platform == "linux" and platform.machine() in _ARCHES


def _filter_program(arch: int, socket_nr: int, io_uring_nr: int) -> bytes:
    """The BPF program: AF_UNIX sockets only, no io_uring, no foreign or x32 system calls."""
    deny = SECCOMP_RET_ERRNO | EPERM
    # (code, jump-if-true, jump-if-false, k); jumps count instructions after the next one
    program = [
        (_LD_W_ABS, 0, 0, 4),                   # 0: A = seccomp_data.arch
        (_JEQ_K, 0, 7, arch),                   # 1: foreign architecture -> deny (9)
        (_LD_W_ABS, 0, 0, 0),                   # 2: A = seccomp_data.nr
        (_JGE_K, 5, 0, X32_SYSCALL_BIT),        # 3: x32 system call -> deny (9)
        (_JEQ_K, 4, 0, io_uring_nr),            # 4: io_uring_setup -> deny (9)
        (_JEQ_K, 0, 2, socket_nr),              # 5: not socket() -> allow (8)
        (_LD_W_ABS, 0, 0, 16),                  # 6: A = low word of args[0], the address family
        (_JEQ_K, 0, 1, AF_UNIX),                # 7: AF_UNIX -> allow (8), else deny (9)
        (_RET_K, 0, 0, SECCOMP_RET_ALLOW),      # 8
        (_RET_K, 0, 0, deny),                   # 9
    ]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


def shut_off_network() -> None:
    """Install the filter on every thread of this process and those it starts later (SandboxError if not)."""
    if not sandbox_supported():
        raise SandboxError(f"no network sandbox on {sys.platform}/{platform.machine()}")
    arch, socket_nr, io_uring_nr, seccomp_nr = _ARCHES[platform.machine()]
    code = _filter_program(arch, socket_nr, io_uring_nr)
    buffer = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    # no_new_privs lets an unprivileged process install a filter (and it never needs privileges)
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    # seccomp(2) with TSYNC puts the filter on threads already running too (pyoxigraph's, if any)
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    if libc.syscall(ctypes.c_long(seccomp_nr), ctypes.c_ulong(SECCOMP_SET_MODE_FILTER),
                    ctypes.c_ulong(SECCOMP_FILTER_FLAG_TSYNC), ctypes.c_void_p(ctypes.addressof(prog))) != 0:
        raise SandboxError(f"seccomp failed: {os.strerror(ctypes.get_errno())}")


def die_with_parent(parent_pid: int, poll_seconds: float = 0.2) -> None:
    """End this process (without cleanup) soon after its parent dies, even by SIGKILL.

    `parent_pid`: the pid the parent had when it started this process. A thread compares it
    with the current parent's pid: when the parent dies the process is handed to another (init
    or a subreaper). The kernel's PR_SET_PDEATHSIG is not used: it fires when the *thread* that
    started the child ends, and the endpoint starts query workers from short-lived request
    threads.
    """
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="kg-watch-parent", daemon=True).start()
