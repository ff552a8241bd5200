"""Benchmarks: chainrule against the hand-written numpy floor (nn.reference), PyTorch, MyGrad
and JAX. Run `python -m bench` (or `./dev.sh bench`, which installs the optional peers).

Each runtime trains in a worker process of its own (bench/worker.py) with its thread pools
pinned, the workers take turns round after round (bench/timing.py), and every target is a
ratio between figures of the same run, so a busy or slow machine moves both sides alike.
"""
import os

# numpy's BLAS on one thread in this process too (the per-op figures are measured here), set
# before numpy loads; the workers get the --blas-threads setting. An explicit setting in the
# environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
