"""Stopping the process chain `dev.py` → `cpsite` → `mkdocs` (→ pagefind) as one.

- A parent (`dev.py`, `cpsite build|serve`) runs its child with `run_forwarding_signals`: on
  SIGINT or SIGTERM it passes the signal on to the child, once, and waits for the child to
  end, then returns the child's exit status. It never leaves before its child does.
- The MkDocs process calls `stop_on_first_signal` (from `site/hook.py` on_startup): the first
  SIGINT or SIGTERM raises KeyboardInterrupt, which MkDocs' server and `subprocess` already
  handle by shutting down and ending their own children (the pagefind indexer); later ones
  are ignored, so the shutdown is not interrupted.

A Ctrl-C typed in a terminal reaches every process of the chain at once (they share the
terminal's foreground process group, which interactive commands like `cpsite new-case` need
to read answers), and the parents pass it on as well, so a child may get it twice: the
"first one only" rule at the far end (MkDocs, and `cpsite` itself) makes that one stop. A
child that has no such rule (pytest under `dev.py test`) may see the second as a second
Ctrl-C. On Windows, where a signal cannot be sent to a process like this, the child is
terminated; a console Ctrl-C reaches every process anyway.

Standard library only: dev.py imports this module before the virtual environment exists.
"""

from __future__ import annotations

import signal
import subprocess
import threading

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_forwarding_signals(args: list[str], **popen_options) -> int:
    """Run `args`; pass SIGINT/SIGTERM on to it once; wait for it; return its exit status
    (128 + N when it was ended by signal N, as a shell reports it)."""
    child = subprocess.Popen(args, **popen_options)
    forwarded = []

    def forward(signum, frame):
        if forwarded or child.poll() is not None:
            return
        forwarded.append(signum)
        try:
            child.send_signal(signum)
        except ValueError:          # Windows has no SIGINT to send to a process
            child.terminate()

    main = threading.current_thread() is threading.main_thread()
    previous = {s: signal.signal(s, forward) for s in STOP_SIGNALS} if main else {}
    try:
        code = child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code


def stop_on_first_signal() -> None:
    """In the main thread: the first SIGINT/SIGTERM raises KeyboardInterrupt, later ones are ignored."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum, frame):
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        raise KeyboardInterrupt(f"signal {signum}")

    for s in STOP_SIGNALS:
        signal.signal(s, stop)
