"""Peak memory and memory growth of a 20-epoch training run, each contender in a fresh
process (so one's allocations cannot hide in another's): `python -m bench.memory NAME`."""
import json
import resource
import subprocess
import sys

import numpy as np


def _current_rss_mib():
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_in_this_process(name, epochs, batch_size=10):
    """Train `name` for `epochs` epochs; RSS after each epoch and the peak, in MiB."""
    from .workloads import CONTENDERS, initial_reference, training_data

    x, y = training_data()
    epoch = CONTENDERS[name](initial_reference())
    rng = np.random.default_rng(0)
    after_epoch = []
    for _ in range(epochs):
        epoch(x, y, batch_size, rng.permutation(len(x)))
        after_epoch.append(_current_rss_mib())
    return {"rss_after_epoch": after_epoch, "peak": _peak_rss_mib()}


def measure(name, epochs=20):
    """Run `measure_in_this_process` in a child interpreter and return its figures."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.memory", name, str(epochs)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


if __name__ == "__main__":
    print(json.dumps(measure_in_this_process(sys.argv[1], int(sys.argv[2]))))
