"""A contender in a process of its own: `python -m bench.worker NAME BLAS_THREADS`.

Each runtime gets a fresh interpreter, so no thread pool, allocator or garbage another runtime
left behind can slow it down, and its BLAS / intra-op threads are pinned (threadpoolctl, and
the environment for runtimes with pools of their own) before anything computes. It reads one
JSON command per line on stdin and answers one JSON line on stdout:
  {"setup": [784, 16, 16, 10], "limit": 4000}  -> {"ready": true, "blas_threads": n}
      (the data and the starting weights of that network)
  {"epochs": k, "batch": b, "order_seed": s}  -> {"seconds": per-epoch time of k epochs}
"""
import gc
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from .contenders import CONTENDERS
from .network import initial_reference, training_data


def blas_threads():
    """The largest thread count of the BLAS/OpenMP pools loaded in this process."""
    return max((pool["num_threads"] for pool in threadpool_info()), default=1)


def serve(name, threads, commands=sys.stdin, answers=sys.stdout):
    contender = CONTENDERS[name]
    with threadpool_limits(limits=threads):
        state = {}
        for line in commands:
            command = json.loads(line)
            if "setup" in command:
                state["x"], state["y"] = training_data(command.get("limit"))
                state["epoch"] = contender.make(initial_reference(command["setup"]))
                gc.collect()
                # Importing PyTorch or JAX leaves ~100,000 objects that every full collection
                # would rescan; freeze what exists now, so no runtime pays for another's.
                gc.freeze()
                reply = {"ready": True, "blas_threads": blas_threads()}
            else:
                rng = np.random.default_rng(command["order_seed"])
                order = rng.permutation(len(state["x"]))
                start = time.perf_counter()
                for _ in range(command["epochs"]):
                    state["epoch"](state["x"], state["y"], command["batch"], order)
                reply = {"seconds": (time.perf_counter() - start) / command["epochs"]}
            answers.write(json.dumps(reply) + "\n")
            answers.flush()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
