"""Interleaved timing of contenders that each run in a worker process (bench/worker.py).

Within a round every contender runs the same epochs on the same shuffled order, one after
another (never two at once), and the first place rotates from round to round, so drift in the
machine's speed falls on all alike. Figures are medians with min-max over the rounds.
"""
import json
import os
import statistics
import subprocess
import sys
from typing import NamedTuple

from .contenders import CONTENDERS


class Spread(NamedTuple):
    """Median, min and max of a list of timings (seconds)."""
    median: float
    low: float
    high: float

    @classmethod
    def of(cls, samples):
        return cls(statistics.median(samples), min(samples), max(samples))


def worker_environment(threads):
    """The environment of a worker: every runtime's own thread pools pinned to `threads`."""
    env = dict(os.environ)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[variable] = str(threads)
    if threads == 1:  # XLA's CPU backend has an Eigen pool of its own
        env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false "
                            "intra_op_parallelism_threads=1").strip()
    return env


class Worker:
    """One contender's process; `ask(command)` sends a command and returns the answer."""

    def __init__(self, name, threads):
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.worker", name, str(threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=worker_environment(threads))

    def ask(self, command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"bench: the {self.name} worker ended (exit code "
                               f"{self.process.wait()}); its error is above")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def available(names):
    """(names that can run here, {name: how to install} for the others)."""
    missing = {name: CONTENDERS[name].missing() for name in names}
    return [name for name in names if missing[name] is None], {
        name: how for name, how in missing.items() if how is not None}


def epoch_spreads(names, sizes, batch_sizes, rounds, threads, limit=None, epochs_per_sample=None):
    """{batch size: {name: Spread of seconds per epoch}} for the network `sizes`."""
    workers = [Worker(name, threads) for name in names]
    try:
        pinned = {}
        for worker in workers:
            pinned[worker.name] = worker.ask({"setup": list(sizes), "limit": limit})["blas_threads"]
        results = {}
        for batch_size in batch_sizes:
            epochs = (epochs_per_sample or {}).get(batch_size, 1)
            samples = {worker.name: [] for worker in workers}
            for worker in workers:  # warm-up: caches, allocators, JAX's compilation
                worker.ask({"epochs": 1, "batch": batch_size, "order_seed": 0})
            for round_number in range(rounds):
                first = round_number % len(workers)
                for worker in workers[first:] + workers[:first]:
                    answer = worker.ask({"epochs": epochs, "batch": batch_size,
                                         "order_seed": 1 + round_number})
                    samples[worker.name].append(answer["seconds"])
            results[batch_size] = {name: Spread.of(s) for name, s in samples.items()}
        return results, pinned
    finally:
        for worker in workers:
            worker.close()
