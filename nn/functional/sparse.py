"""Functions of integer indices: F.one_hot and F.embedding (a lookup table of rows)."""
import numpy as np

import autograd
from autograd import Tensor

from ..arguments import described, is_int
from .inputs import as_tensor


def one_hot(tensor, num_classes=-1):
    """int64 of shape tensor.shape + (num_classes,): 1 at each class index, else 0;
    num_classes=-1 takes the largest index + 1 (autograd.one_hot). Class values must lie in
    [0, num_classes). Never requires grad."""
    if not is_int(num_classes) or num_classes < -1:
        raise ValueError(f"one_hot: num_classes must be -1 (inferred) or a non-negative int, "
                         f"got {described(num_classes)}")
    return autograd.one_hot(tensor, int(num_classes))


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """out[..., :] = weight[input[...], :]: row i of `weight` (num_embeddings, embedding_dim)
    for each index i of `input` (int64 or int32, 0 <= i < num_embeddings).

    d out / d weight: row i's gradient is the sum of the gradients of the positions that
    picked it; the `padding_idx` row (negative counts from the end) gets none, as PyTorch's.
    With `max_norm`, the rows that `input` picks are first scaled in place (no gradient) to
    a `norm_type`-norm of at most max_norm, as PyTorch's embedding_renorm_.
    `scale_grad_by_freq` and `sparse` (sparse gradients) are not supported.
    """
    if scale_grad_by_freq or sparse:
        raise NotImplementedError("embedding: scale_grad_by_freq=True and sparse=True are not "
                                  "supported (gradients here are dense numpy arrays)")
    weight = as_tensor(weight, "embedding")
    if weight.ndim != 2:
        raise ValueError(f"embedding: weight must be 2-d (num_embeddings, embedding_dim); got "
                         f"shape {weight.shape}")
    indices = index_array(input, weight.shape[0], "embedding")
    padding_idx = padding_index(padding_idx, weight.shape[0], "embedding")
    if max_norm is not None:
        renormalize_rows(weight, np.unique(indices), max_norm, norm_type)
    rows = weight[indices]
    if padding_idx is None or not rows.requires_grad:
        return rows
    at_padding = (indices == padding_idx)[..., None]
    return autograd.where(at_padding, rows.detach(), rows)


def index_array(input, size, name):
    """The indices of `input` as a numpy array of ints in [0, size)."""
    array = input.data if isinstance(input, Tensor) else np.asarray(input)
    if array.dtype.kind not in "iu":
        raise TypeError(f"{name}: indices must be an int64 or int32 tensor; got dtype "
                        f"{array.dtype}")
    if array.size and (array.min() < 0 or array.max() >= size):
        bad = array.min() if array.min() < 0 else array.max()
        raise IndexError(f"{name}: index {bad} is out of range for {size} embeddings "
                         f"(expected 0..{size - 1})")
    return array


def padding_index(padding_idx, size, name):
    """padding_idx as an index in [0, size) (a negative one counts from the end), or None."""
    if padding_idx is None:
        return None
    if not is_int(padding_idx):
        raise TypeError(f"{name}: padding_idx must be an int or None, got "
                        f"{described(padding_idx)}")
    if not -size <= padding_idx < size:
        raise ValueError(f"{name}: padding_idx must be within num_embeddings ({size}): in "
                         f"[{-size}, {size - 1}], got {padding_idx}")
    return int(padding_idx) % size


def renormalize_rows(weight, rows, max_norm, norm_type):
    """Scale each listed row of weight whose norm exceeds max_norm to max_norm / (norm + 1e-7)
    times itself (PyTorch's factor), in place and outside the graph."""
    with autograd.no_grad():
        picked = weight.data[rows]
        norms = np.linalg.norm(picked, ord=norm_type, axis=1)
        scale = np.where(norms > max_norm, max_norm / (norms + 1e-7), 1.0)
        weight.data[rows] = picked * scale[:, None].astype(weight.dtype)
        weight.mark_changed()
