"""The folder ``build`` writes the site into: which folders it may replace, the mark that makes a
folder one of our builds, and the swap that puts a finished build in place.

Why this exists: ``build`` stages the site in a sibling folder and then replaces the whole target
with it, so a wrong ``--site-dir`` used to delete whatever it named: the repository, ``.git``
included, with ``--site-dir .``, the content with ``--site-dir content``. ``mkdocs build`` refuses
a site_dir that holds its docs_dir, but it only ever sees the staging folder, so that guard never
fired. The rule here is narrow on purpose: a target must be new, empty, or marked as a previous
build by :data:`MARKER` (written into every build); and even a marked folder is refused when it is
the project root, its ``content/`` or ``.git`` (or inside those two), the home folder, or holds any
of them.

The swap exchanges the two folders in one system call (Linux ``renameat2(RENAME_EXCHANGE)``), so
there is no moment without ``index.html`` for a server reading the folder. Where the system or the
file system cannot (another OS, an old kernel, some network file systems), it falls back to two
renames with Ctrl-C held back in between: the old site moves aside, the new one moves in, and the
old one comes back if that fails; a server may then miss the folder for the instant between them.
A symlink flip would also be atomic, but it turns ``site/`` into a link, which ``rm -rf site/``,
``rsync`` and the Pages upload treat differently from a folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

MARKER = ".missing-funds-playbook-build"
"""Written at the top of every build: only a folder holding it may be replaced. Published with the site
(harmless: a fixed text, no paths or dates, so builds stay reproducible); the offline zip never holds it."""
MARKER_TEXT = (
    "This folder is a site built by `python -m generator build` (Missing Funds Playbook).\n"
    "The next build replaces the whole folder; build replaces no folder without this file.\n"
)


class UnsafeTarget(Exception):
    """A folder ``build`` must not replace; ``str()`` is the one-line reason for the command line."""


def check_target(site_dir: Path, root: Path) -> Path:
    """Return ``site_dir`` resolved if ``build`` may replace it, else raise :class:`UnsafeTarget` saying why.

    Symlinks are followed: a link to the project is the project.
    """
    target = Path(os.path.abspath(site_dir)).resolve()
    root = root.resolve()
    for protected, name, inside_too in _protected(root):
        if target == protected:
            raise UnsafeTarget(f"refusing to build into {target}: it is {name}")
        if protected.is_relative_to(target):
            raise UnsafeTarget(f"refusing to build into {target}: it holds {name} ({protected})")
        if inside_too and target.is_relative_to(protected):
            raise UnsafeTarget(f"refusing to build into {target}: it is inside {name} ({protected})")
    if target.exists() and not target.is_dir():
        raise UnsafeTarget(f"refusing to build into {target}: it is not a folder")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise UnsafeTarget(f"refusing to build into {target}: it is not empty and holds no previous build (no {MARKER} file); "
                           "name a new or empty folder, or empty this one yourself")  # fmt: skip
    return target


def _protected(root: Path) -> list[tuple[Path, str, bool]]:
    """What no build may replace: (folder, how messages name it, whether folders inside it are refused too)."""
    folders = [
        (root, "the project root", False),
        (root / "content", "the content folder content/", True),
        (root / ".git", "the project's .git", True),
    ]
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known: nothing to protect
        folders.append((Path.home().resolve(), "the home folder", False))
    return folders


def mark(folder: Path) -> None:
    """Mark ``folder`` as one of our builds, so the next build may replace it."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def staging_folder(site_dir: Path) -> Path:
    """A new, empty folder beside ``site_dir`` (same file system, so the swap is a rename) named for this process."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-{os.getpid()}-", dir=site_dir.parent))


def remove_leftovers(site_dir: Path) -> None:
    """Delete staging and previous-site folders beside ``site_dir`` left by builds that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(site_dir.name)}\.(?:building|previous)-(\d+)")
    for sibling in site_dir.parent.iterdir():
        match = pattern.match(sibling.name)
        if match and sibling.is_dir() and not sibling.is_symlink() and not _alive(int(match.group(1))):
            shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the finished build ``staging`` at ``site_dir``. Afterwards ``staging`` holds the old site, if any, for the caller to delete."""
    if not site_dir.exists():
        os.rename(staging, site_dir)  # fails rather than merges if a non-empty folder appeared meanwhile
        return
    if _exchange(staging, site_dir):
        return
    previous = site_dir.with_name(f".{site_dir.name}.previous-{os.getpid()}")
    with _ctrl_c_held():
        os.rename(site_dir, previous)
        try:
            os.rename(staging, site_dir)
        except OSError:
            os.rename(previous, site_dir)
            raise
        with contextlib.suppress(OSError):  # else the next build deletes it as a leftover
            os.rename(previous, staging)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1


@cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (2.28+), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two existing paths in one atomic step; False where the system or file system cannot, so the caller falls back."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block ends, so a swap of two renames is never cut in half."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
