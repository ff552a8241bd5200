"""F.linear: z = x W^T + b, the fully connected layer as a function (the engine's Linear op)."""
import numpy as np

from autograd import ops

from .inputs import as_tensor


def linear(input, weight, bias=None):
    """z = x W^T + b for x of shape (..., in_features), W of shape (out_features, in_features)
    and b of shape (out_features,) (or None): z has shape (..., out_features). A 1-d W of
    shape (in_features,) gives z = x . W + b of shape (...), as PyTorch's. All three must have
    one dtype (PyTorch's rule: float32 next to float64 is an error, not a promotion)."""
    x, w = as_tensor(input, "linear"), as_tensor(weight, "linear")
    b = None if bias is None else as_tensor(bias, "linear")
    dtypes = [t.dtype for t in (x, w, b) if t is not None]
    if len(set(dtypes)) > 1:
        raise RuntimeError(f"linear: input, weight and bias must have the same dtype; got "
                           f"{', '.join(str(d) for d in dtypes)}")
    if w.ndim == 1:
        z = x @ w
        return z if b is None else z + b
    if x.ndim == 0:
        raise ValueError(f"linear: input must have at least 1 dimension of size "
                         f"{w.shape[-1]}; got a 0-d tensor")
    if b is None:
        return ops.Linear.apply(x, w)
    out_shape = x.shape[:-1] + w.shape[:1]
    if w.ndim == 2 and not _broadcasts_to(b.shape, out_shape):
        raise ValueError(f"linear: bias of shape {b.shape} does not fit the output of shape "
                         f"{out_shape} (expected ({w.shape[0]},))")
    return ops.Linear.apply(x, w, b)


def _broadcasts_to(shape, target):
    try:
        return np.broadcast_shapes(shape, target) == target
    except ValueError:
        return False
