"""Normalization layers: LayerNorm (over each example's last axes) and BatchNorm1d/2d (over
the batch, per channel, with running statistics for eval mode)."""
import numpy as np

import autograd
from autograd.ops.activations import check_number

from .. import functional as F
from ..arguments import flag, float_dtype, positive_int
from ..functional.inputs import as_tensor
from ..functional.normalization import shape_tuple
from ..module import Module, Parameter


class LayerNorm(Module):
    """y = (x - mu) / sqrt(var + eps) * weight + bias, mu and var over the last axes, of
    shape `normalized_shape` (F.layer_norm). With `elementwise_affine`, weight (ones) and,
    with `bias`, bias (zeros) are learned, of shape normalized_shape, in `dtype`."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True,
                 dtype=None):
        super().__init__()
        self.normalized_shape = shape_tuple(normalized_shape, "LayerNorm", "normalized_shape")
        check_number(eps, "eps", "LayerNorm")
        self.eps = eps
        self.elementwise_affine = flag(elementwise_affine, "elementwise_affine", "LayerNorm")
        bias = flag(bias, "bias", "LayerNorm")
        dtype = float_dtype(dtype, "LayerNorm")
        affine = self.elementwise_affine
        self.weight = Parameter(np.ones(self.normalized_shape), dtype) if affine else None
        self.bias = Parameter(np.zeros(self.normalized_shape), dtype) if affine and bias else None

    def forward(self, x):
        return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.normalized_shape}, eps={self.eps}, "
                f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}")


class BatchNorm(Module):
    """y = (x - mu) / sqrt(var + eps) * weight + bias per channel (axis 1) (F.batch_norm).

    Training: mu and var (biased) of the batch, over every axis but the channels; with
    `track_running_stats`, the buffers running_mean (zeros), running_var (ones) and
    num_batches_tracked follow them: r <- (1 - momentum) r + momentum * statistic, the
    variance unbiased, and momentum=None averages all batches so far equally (momentum
    1 / num_batches_tracked). Eval mode normalizes with the running statistics (with the
    batch's own when not tracked). `affine`: weight (ones) and, with `bias`, bias (zeros)
    are learned. BatchNorm1d and BatchNorm2d say which input shapes they take.
    """

    expected_dims = ()

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True,
                 track_running_stats=True, dtype=None, *, bias=True):
        super().__init__()
        name = type(self).__name__
        self.num_features = positive_int(num_features, "num_features", name)
        check_number(eps, "eps", name)
        self.eps = eps
        if momentum is not None:
            check_number(momentum, "momentum", name)
        self.momentum = momentum
        self.affine = flag(affine, "affine", name)
        self.track_running_stats = flag(track_running_stats, "track_running_stats", name)
        bias = flag(bias, "bias", name)
        dtype = float_dtype(dtype, name)
        channels = self.num_features
        self.weight = Parameter(np.ones(channels), dtype) if affine else None
        self.bias = Parameter(np.zeros(channels), dtype) if affine and bias else None
        if self.track_running_stats:
            self.register_buffer("running_mean", autograd.zeros(channels, dtype=dtype))
            self.register_buffer("running_var", autograd.ones(channels, dtype=dtype))
            self.register_buffer("num_batches_tracked", autograd.tensor(0, dtype=np.int64))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)

    def reset_running_stats(self):
        """running_mean to zeros, running_var to ones, num_batches_tracked to 0."""
        if self.track_running_stats:
            self.running_mean.data[...] = 0
            self.running_var.data[...] = 1
            self.num_batches_tracked.data[...] = 0
            for buffer in (self.running_mean, self.running_var, self.num_batches_tracked):
                buffer.mark_changed()

    def forward(self, x):
        x = as_tensor(x, type(self).__name__)
        if x.ndim not in self.expected_dims:
            shapes = " or ".join(f"{n}D" for n in self.expected_dims)
            raise ValueError(f"{type(self).__name__}: expected {shapes} input (got {x.ndim}D "
                             f"input of shape {x.shape})")
        momentum = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            with autograd.no_grad():
                self.num_batches_tracked += 1
            if self.momentum is None:
                momentum = 1.0 / int(self.num_batches_tracked.data)
        use_batch_stats = self.training or self.running_mean is None
        tracked = not self.training or self.track_running_stats
        return F.batch_norm(x, self.running_mean if tracked else None,
                            self.running_var if tracked else None, self.weight, self.bias,
                            use_batch_stats, momentum, self.eps)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
                f"affine={self.affine}, bias={self.bias is not None}, "
                f"track_running_stats={self.track_running_stats}")


class BatchNorm1d(BatchNorm):
    """BatchNorm over (N, C) or (N, C, L) input: statistics per feature C."""

    expected_dims = (2, 3)


class BatchNorm2d(BatchNorm):
    """BatchNorm over (N, C, H, W) input: statistics per channel C, over N, H and W."""

    expected_dims = (4,)
