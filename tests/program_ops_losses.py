"""The losses family's steps for the differential programs (see program_families.py):
nn.functional's mse_loss, l1_loss, smooth_l1_loss, huber_loss,
binary_cross_entropy_with_logits and cross_entropy (class probabilities, or class indices
given as the step's constant), on values of one shape, with every reduction.

Shapes that differ are not drawn: our losses refuse them where torch broadcasts (a
deliberate difference, test_nn_losses_regression.py names it), nor class indices over no
classes with spatial dims, nor label smoothing over no classes (torch's answer depends on the
shape: nan, or an error for (N, 0, d1); test_nn_losses_classification.py names it).
"""
import numpy as np
import torch
import torch.nn.functional as TF
from hypothesis import strategies as st

import nn.functional as F
from program_draw import pairs, pick
from program_op import Op

REDUCTIONS = ["mean", "sum", "none"]


def _ours_with_indices(x, target, **options):
    return F.cross_entropy(x, np.array(target, dtype=np.int64), **options)


def _torch_with_indices(x, target, **options):
    return TF.cross_entropy(x, torch.tensor(target, dtype=torch.int64), **options)


OPS = {
    "mse_loss": Op(F.mse_loss, TF.mse_loss, "F.mse_loss({0}, {1}, reduction={reduction!r})"),
    "l1_loss": Op(F.l1_loss, TF.l1_loss, "F.l1_loss({0}, {1}, reduction={reduction!r})"),
    "smooth_l1_loss": Op(F.smooth_l1_loss, TF.smooth_l1_loss,
                         "F.smooth_l1_loss({0}, {1}, reduction={reduction!r}, beta={beta!r})"),
    "huber_loss": Op(F.huber_loss, TF.huber_loss,
                     "F.huber_loss({0}, {1}, reduction={reduction!r}, delta={delta!r})"),
    "bce_with_logits": Op(F.binary_cross_entropy_with_logits,
                          TF.binary_cross_entropy_with_logits,
                          "F.binary_cross_entropy_with_logits({0}, {1}, "
                          "reduction={reduction!r})"),
    "cross_entropy": Op(F.cross_entropy, TF.cross_entropy,
                        "F.cross_entropy({0}, {1}, reduction={reduction!r}, "
                        "label_smoothing={label_smoothing!r})"),
    "cross_entropy_indices": Op(_ours_with_indices, _torch_with_indices,
                                "F.cross_entropy({0}, np.array({target!r}), "
                                "reduction={reduction!r}, label_smoothing={label_smoothing!r}, "
                                "ignore_index={ignore_index!r})"),
}

_SMOOTHING = [0.0, 0.1, 1.0]


def draw_pair_loss(draw, shapes):
    """A loss of two values of one shape (the second the target)."""
    same = pairs(shapes, lambda s, t: s == t)
    op = draw(st.sampled_from(["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss",
                               "bce_with_logits", "cross_entropy"]))
    if op == "cross_entropy":
        same = [(a, b) for a, b in same if shapes[a]]  # class probabilities need a class axis
    if not same:
        return None
    a, b = draw(st.sampled_from(same))
    params = {"reduction": draw(st.sampled_from(REDUCTIONS))}
    if op == "smooth_l1_loss":
        params["beta"] = draw(st.sampled_from([1.0, 0.5, 0.0, 2.0]))
    if op == "huber_loss":
        params["delta"] = draw(st.sampled_from([1.0, 0.5, 2.0]))
    if op == "cross_entropy":
        params["label_smoothing"] = draw(st.sampled_from(_SMOOTHING))
    return op, (a, b), params, () if params["reduction"] != "none" else _loss_shape(op, shapes[a])


def _loss_shape(op, shape):
    """The shape of a loss with reduction 'none': the input's, or without its class axis."""
    if op != "cross_entropy":
        return shape
    return () if len(shape) == 1 else shape[:1] + shape[2:]


def draw_cross_entropy_indices(draw, shapes):
    """cross_entropy of a value with class indices drawn as the step's constant (some of
    them ignore_index)."""
    fitting = [i for i, shape in enumerate(shapes) if shape]
    if not fitting:
        return None
    x = pick(draw, fitting)
    shape = shapes[x]
    classes = shape[0 if len(shape) == 1 else 1]
    if classes == 0 and len(shape) > 2:  # torch: a size mismatch error, ours nan
        return None
    index_shape = _loss_shape("cross_entropy", shape)
    ignore_index = draw(st.sampled_from([-100, 0]))
    choices = st.just(ignore_index) if classes == 0 else (
        st.integers(0, classes - 1) | st.just(ignore_index))
    target = np.array(draw(st.lists(choices, min_size=int(np.prod(index_shape)),
                                    max_size=int(np.prod(index_shape)))), dtype=np.int64)
    params = {"target": target.reshape(index_shape).tolist(),
              "reduction": draw(st.sampled_from(REDUCTIONS)),
              "label_smoothing": draw(st.sampled_from(_SMOOTHING)) if classes else 0.0,
              "ignore_index": ignore_index}
    return ("cross_entropy_indices", (x,), params,
            index_shape if params["reduction"] == "none" else ())


DRAWS = [draw_pair_loss, draw_cross_entropy_indices]
