"""Independent solves as tasks on Dask.distributed: a local cluster or a running scheduler.

Why Dask and not Ray (measured on the 2-core development machine, README "Scenarios"): a local
cluster of 2 worker processes starts in about 4 s and holds about 170 MB, against about 11 s
and 710 MB for Ray; the per-task overhead of either (10–20 ms for Dask) is nothing next to a
solve of seconds to minutes; Dask is pure Python wheels. A :class:`~roster_solver.domain.Problem`
is sent to the workers pickled (78 KiB and about 25 ms to pickle and unpickle for the bundled
50-person example): it is built and validated in the client, so an invalid scenario is reported
there with its cell, and the workers need no access to the input files.

What this module promises:

- :func:`run_tasks` submits one task per key with :meth:`distributed.Client.submit`, as many
  at a time as the cluster has task slots, and waits for all of them. A task that dies with
  its worker (killed, out of memory, lost) is rescheduled by Dask and run once more; each
  task counts its own starts in the scheduler's metadata, and a third start ends at once as
  "died twice" (the scheduler's ``allowed-failures`` counts a death against every task that
  merely waited on the dead worker, so it cannot be the count). A task that raises is retried
  once (``retries=1``). After that the task is reported failed, with its reason, and the
  others go on.
- Progress: ``on_progress(done, running, failed, total)`` after every change.
- Stopping: :func:`roster_solver.engine.solvers.cancel` in the client (Ctrl-C) cancels every
  task on the cluster. A task also watches its own state on the worker and stops its CP-SAT
  search when the scheduler releases it (the client went away), so a Ctrl-C that ends the
  client at once still stops the searches on a remote cluster.

Each task runs in a worker process with one task slot (``threads_per_worker = 1``); the task
itself sets its CP-SAT worker count. Never imports the CLI.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

MAX_STARTS = 2  # a task whose worker dies is run once more, then reported failed
DIED = "roster-task-died-twice"  # what a task returns when it may not start again
WATCH_SECONDS = 0.5  # how often a task looks whether it was released
POLL_SECONDS = 0.2  # how often the client looks for a Ctrl-C while waiting
ALLOWED_FAILURES = 5  # the local scheduler's limit; a task's own limit is MAX_STARTS


@dataclass
class TaskResult:
    """What became of one task: its value, or why it failed."""

    key: str
    ok: bool
    value: Any = None
    error: str = ""


ProgressFn = Callable[[int, int, int, int], None]
CONNECT_TIMEOUT = "20s"


class ClusterUnreachable(Exception):
    """``--cluster ADDRESS`` names no scheduler that answers."""


def local_workers(cores: int | None = None) -> int:
    """Worker processes for a local cluster: one per core, at least 1."""
    return max(1, cores if cores is not None else (os.cpu_count() or 1))


@contextlib.contextmanager
def cluster_client(address: str | None = None, *, n_workers: int | None = None) -> Iterator[Any]:
    """A :class:`distributed.Client` of a running scheduler at ``address``, or of a new local
    cluster with ``n_workers`` worker processes (default: one per core), closed afterwards."""
    import dask
    from distributed import Client, LocalCluster

    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterUnreachable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    # A task that took its worker down is run once more, then reported failed (KilledWorker).
    # The scheduler counts a worker's death against every task assigned to it, also those that
    # only waited there; the tasks count their own starts instead (_starts), so the scheduler
    # may reschedule generously.
    with dask.config.set(
        {
            "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
            "distributed.scheduler.worker-saturation": 1.0,
        }
    ):
        cluster = LocalCluster(
            n_workers=local_workers(n_workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
            # its health routes on a free port, not 8787 (two clusters at once)
            scheduler_kwargs={"dashboard_address": ":0"},
        )
        try:
            client = Client(cluster)
            try:
                yield client
            finally:
                client.close()
        finally:
            cluster.close()


def run_tasks(
    client: Any,
    fn: Callable[..., Any],
    args: Mapping[str, tuple[Any, ...]],
    *,
    on_progress: ProgressFn | None = None,
) -> dict[str, TaskResult]:
    """Run ``fn(*args[key])`` for every key as a task on ``client``'s cluster; every key gets a
    :class:`TaskResult` (in the order of ``args``). Raises
    :class:`roster_solver.engine.solvers.Cancelled` when the run is cancelled (the tasks are
    cancelled first)."""
    from distributed import wait

    from .engine import solvers

    total = len(args)
    stamp = f"{os.getpid()}-{time.time_ns()}"
    waiting = list(args)
    futures: dict[Any, str] = {}
    results: dict[str, TaskResult] = {}
    pending: set[Any] = set()
    shown: tuple[int, int, int] | None = None
    try:
        while waiting or pending:
            if solvers.cancelled():
                raise solvers.Cancelled
            # Only as many tasks as the cluster has task slots are submitted: a worker that
            # dies then takes only the task it was running (the scheduler counts every task
            # assigned to a dead worker as a suspect, queued ones too).
            free = max(1, _slots(client)) - len(pending)
            while waiting and free > 0:
                key = waiting.pop(0)
                fut = client.submit(
                    _watched, fn, *args[key], key=f"roster-{key}-{stamp}", retries=1, pure=False
                )
                futures[fut] = key
                pending.add(fut)
                free -= 1
            try:
                finished, pending = wait(pending, timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            except TimeoutError:
                finished = set()
            for fut in finished:
                key = futures[fut]
                if fut.status == "finished" and _died(fut):
                    results[key] = TaskResult(key, False, error=DIED_TEXT)
                elif fut.status == "finished":
                    results[key] = TaskResult(key, True, fut.result())
                else:
                    results[key] = TaskResult(key, False, error=_reason(fut))
            if on_progress is not None:
                failed = sum(not r.ok for r in results.values())
                state = (len(results) - failed, len(pending), failed)
                if state != shown:
                    shown = state
                    on_progress(state[0], state[1], state[2], total)
    except BaseException:
        client.cancel(list(futures))
        raise
    return {key: results[key] for key in args}


def _slots(client: Any) -> int:
    """Task slots of the cluster now: the sum of its workers' threads."""
    try:
        return int(sum(client.nthreads().values()))
    except Exception:  # a scheduler that does not answer now: one at a time
        return 1


DIED_TEXT = "its worker died twice (killed, out of memory or lost); it was run twice"


def _died(fut: Any) -> bool:
    value = fut.result()
    return isinstance(value, str) and value == DIED


def _reason(fut: Any) -> str:
    """Why a task failed, in one line: a lost worker, or the task's own exception."""
    from distributed import KilledWorker

    try:
        exc = fut.exception()
    except Exception as e:  # cancelled futures raise here
        return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    if isinstance(exc, KilledWorker):
        return f"its worker died while it was assigned there, {ALLOWED_FAILURES + 1} times or more"
    return f"{type(exc).__name__}: {exc}"


def _watched(fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn`` in a worker, stopping its CP-SAT search when the scheduler releases the task
    (the client was cancelled or went away)."""
    from distributed import get_worker

    from .engine import solvers

    solvers.reset()  # a worker process runs one task after another
    worker = get_worker()
    key = _current_key(worker)
    if key is not None and _starts(worker, key) > MAX_STARTS:
        return DIED  # it was started twice and never came back: its worker died both times
    done = threading.Event()

    def watch() -> None:
        while not done.wait(WATCH_SECONDS):
            ts = worker.state.tasks.get(key) if key is not None else None
            if key is not None and (ts is None or ts.state in ("cancelled", "released", "forgotten")):
                solvers.cancel()
                return

    watcher = threading.Thread(target=watch, name="roster-task-watch", daemon=True)
    watcher.start()
    try:
        return fn(*args)
    finally:
        done.set()


def _starts(worker: Any, key: str) -> int:
    """Count this start of task ``key`` in the scheduler's metadata; the number of starts so
    far, this one included. Only a task's own starts count: a task that was merely assigned
    to a worker that another task took down has not started."""
    from distributed import get_client

    client = get_client()
    path = ["roster-starts", key]
    n = int(client.get_metadata(path, 0)) + 1
    client.set_metadata(path, n)
    return n


def _current_key(worker: Any) -> str | None:
    """The key of the task this thread runs (one task slot per worker)."""
    with contextlib.suppress(Exception):
        return str(worker.get_current_task())
    executing = [ts.key for ts in worker.state.tasks.values() if ts.state == "executing"]
    return executing[0] if len(executing) == 1 else None
