"""Peak memory and memory growth of a 20-epoch training run, each contender in a fresh
process (so one's allocations cannot hide in another's): `python -m bench.memory NAME`."""
import json
import subprocess
import sys

import numpy as np


def _status_mib(field):
    """A memory figure of this process from /proc/self/status (given there in kB).

    VmHWM, the peak, belongs to this program's own address space: unlike getrusage's
    ru_maxrss it does not carry the parent's peak over the exec that started us.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _current_rss_mib():
    return _status_mib("VmRSS")


def _peak_rss_mib():
    return _status_mib("VmHWM")


def measure_in_this_process(name, epochs, batch_size=10):
    """Train `name` for `epochs` epochs; RSS after each epoch and the peak, in MiB."""
    from .contenders import CONTENDERS
    from .network import initial_reference, training_data

    x, y = training_data()
    epoch = CONTENDERS[name].make(initial_reference())
    rng = np.random.default_rng(0)
    after_epoch = []
    for _ in range(epochs):
        epoch(x, y, batch_size, rng.permutation(len(x)))
        after_epoch.append(_current_rss_mib())
    return {"rss_after_epoch": after_epoch, "peak": _peak_rss_mib()}


def measure(name, epochs=20, threads=1):
    """Run `measure_in_this_process` in a child interpreter (its thread pools pinned as the
    timing workers') and return its figures."""
    from .timing import worker_environment

    result = subprocess.run(
        [sys.executable, "-m", "bench.memory", name, str(epochs)],
        capture_output=True, text=True, check=True, env=worker_environment(threads),
    )
    return json.loads(result.stdout)


if __name__ == "__main__":
    print(json.dumps(measure_in_this_process(sys.argv[1], int(sys.argv[2]))))
