"""Benchmarks: chainrule against the hand-written numpy floor (nn.reference) and PyTorch.

Run `python -m bench` (or `./dev.sh bench`). Every figure is a median over runs made in one
process, alternating the contenders, and every target is a ratio between figures of the same
run, so a busy or slow machine moves both sides alike.
"""
import os

# numpy's BLAS on one thread, set before numpy loads (here, before any bench module imports
# it): with two threads on a shared 2-core machine the mini-batch 100 and 1000 ratios swing
# by several times. The memory runs inherit it. An explicit setting in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

