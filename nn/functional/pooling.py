"""Pooling as functions, torch's F.max_pool1d/2d/3d, F.avg_pool1d/2d/3d and
F.adaptive_avg_pool1d/2d: the autograd ops themselves (autograd/ops/pooling.py)."""
from autograd.ops.pooling import (adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d,
                                  avg_pool2d, avg_pool3d, max_pool1d, max_pool2d, max_pool3d)

__all__ = ["adaptive_avg_pool1d", "adaptive_avg_pool2d", "avg_pool1d", "avg_pool2d",
           "avg_pool3d", "max_pool1d", "max_pool2d", "max_pool3d"]
