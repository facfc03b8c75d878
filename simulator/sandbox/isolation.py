"""Kernel-level isolation for the sandbox child, applied in `preexec_fn` between fork and exec.

Why here and not in the test process: limits and namespaces must be in place
before the candidate's code (or pytest) runs a single line. Every step is
best-effort and *reported*: each one that took effect is written to a status
pipe so the app says honestly what was enforced.

Steps, in order:
1. Network: a new network namespace (only a loopback that is down), so no
   connection leaves the process, not even to 127.0.0.1.
2. Files: a new mount namespace where /tmp, /var/tmp and /dev/shm are fresh
   private tmpfs mounts, the work dir is bind-mounted at its own path, and every
   other mount is remounted read-only: writes outside the work dir fail (EROFS)
   even for root, and nothing written to scratch dirs reaches the host.
3. Processes: a cgroup `pids.max` when we can create one (root), else
   RLIMIT_NPROC (it binds non-root users only): fork bombs hit a wall.
4. Resource limits (setrlimit): CPU seconds, address space, file size, open files.
5. Root only: capabilities that could undo the above (mount, raise limits,
   network admin, ptrace, modules, raw I/O) are dropped from the bounding set,
   so the exec'd interpreter never has them.
Without root, an unprivileged user namespace provides steps 1-2.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_CAPBSET_DROP = 24
# CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_PTRACE, CAP_SYS_ADMIN,
# CAP_SYS_BOOT, CAP_SYS_RESOURCE, CAP_MKNOD, CAP_SYS_TIME, CAP_SYSLOG, CAP_BPF, CAP_PERFMON
DROPPED_CAPS = (12, 13, 16, 17, 19, 21, 22, 24, 27, 25, 34, 39, 38)
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm")
PIDS_CGROUP_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))


@dataclass
class ChildPlan:
    """What the child should do; computed in the parent, applied in the child (little work there)."""

    workdir: str
    cpu_s: int
    address_space_bytes: int
    file_size_bytes: int
    max_processes: int
    open_files: int = 256
    want_netns: bool = True
    want_mountns: bool = True
    cgroup_procs: str | None = None
    status_fd: int | None = None


def make_pids_cgroup(name: str, max_pids: int) -> Path | None:
    """A cgroup whose pids.max bounds every process of the run; None where cgroups are not writable."""
    for root in PIDS_CGROUP_ROOTS:
        if not (root / "cgroup.procs").is_file():
            continue
        if root.name != "pids" and "pids" not in (root / "cgroup.controllers").read_text(errors="ignore").split():
            continue
        group = root / name
        try:
            group.mkdir()
            (group / "pids.max").write_text(str(max_pids))
            return group
        except OSError:
            try:
                group.rmdir()
            except OSError:
                pass
    return None


def kill_cgroup(group: Path) -> None:
    """SIGKILL everything still in the run's cgroup (repeat: a fork bomb forks while we kill), then remove it."""
    import signal
    import time

    for _ in range(50):
        try:
            pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        except OSError:
            break
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.02)
    for _ in range(50):
        try:
            group.rmdir()
            return
        except OSError:
            time.sleep(0.02)


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _unescape(field: str) -> str:
    """mountinfo escapes space, tab, newline and backslash as \\ooo."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) + 1 and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mount_points() -> list[str]:
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
        return [_unescape(line.split()[4]) for line in handle if len(line.split()) > 4]


def _private_filesystem(libc: ctypes.CDLL, workdir: str) -> None:
    workdir_fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        for scratch in SCRATCH_DIRS:
            if os.path.isdir(scratch):
                _check(libc.mount(b"tmpfs", scratch.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, b"size=64m,mode=1777"), f"tmpfs {scratch}")
        os.makedirs(workdir, exist_ok=True)
        _check(libc.mount(f"/proc/self/fd/{workdir_fd}".encode(), workdir.encode(), None, MS_BIND, None), "bind workdir")
    finally:
        os.close(workdir_fd)
    writable = {workdir, *SCRATCH_DIRS}
    for point in _mount_points():
        if point in writable:
            continue
        # Each remount is separate: a mount that refuses (e.g. locked in a user namespace) keeps the others.
        libc.mount(None, point.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY, None)
    os.chdir(workdir)


def apply_in_child(plan: ChildPlan) -> None:
    """Run in the forked child before exec. Never raises: a failed step is simply not reported as applied."""
    applied: list[str] = []
    libc = _libc()
    is_root = os.geteuid() == 0
    if plan.cgroup_procs:
        try:
            _write(plan.cgroup_procs, str(os.getpid()))
            applied.append("pids-cgroup")
        except OSError:
            pass
    flags = (CLONE_NEWNET if plan.want_netns else 0) | (CLONE_NEWNS if plan.want_mountns else 0)
    if flags and not is_root:
        flags |= CLONE_NEWUSER
    if flags:
        uid, gid = os.getuid(), os.getgid()
        try:
            _check(libc.unshare(flags), "unshare")
            if flags & CLONE_NEWUSER:
                _write("/proc/self/setgroups", "deny")
                _write("/proc/self/uid_map", f"{uid} {uid} 1")
                _write("/proc/self/gid_map", f"{gid} {gid} 1")
                applied.append("user-namespace")
            if flags & CLONE_NEWNET:
                applied.append("network-namespace")
        except OSError:
            flags = 0
    if flags & CLONE_NEWNS:
        try:
            _private_filesystem(libc, plan.workdir)
            applied.append("private-filesystem")
        except OSError:
            pass
    limits = (
        (resource.RLIMIT_CPU, plan.cpu_s, "cpu"),
        (resource.RLIMIT_AS, plan.address_space_bytes, "address-space"),
        (resource.RLIMIT_FSIZE, plan.file_size_bytes, "file-size"),
        (resource.RLIMIT_NOFILE, plan.open_files, "open-files"),
        (resource.RLIMIT_NPROC, plan.max_processes, "processes"),
        (resource.RLIMIT_CORE, 0, "core"),
    )
    for which, value, name in limits:
        try:
            resource.setrlimit(which, (value, value))
            if not (name == "processes" and is_root):  # root ignores RLIMIT_NPROC
                applied.append(f"rlimit-{name}")
        except (OSError, ValueError):
            pass
    if is_root:
        dropped = all(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0 for cap in DROPPED_CAPS)
        if dropped:
            applied.append("capabilities-dropped")
    if plan.status_fd is not None:
        try:
            os.write(plan.status_fd, (" ".join(applied) + "\n").encode())
            os.close(plan.status_fd)
        except OSError:
            pass
