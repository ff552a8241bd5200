"""Binary losses: one probability per output, target y in [0, 1] of the output's shape.

    binary_cross_entropy               -(y ln p + (1 - y) ln(1 - p)), p a probability
    binary_cross_entropy_with_logits   the same with p = sigma(x), computed from x stably

each times its optional weight, then reduced: 'mean' over every element, 'sum', or 'none'.
"""
from autograd import logsigmoid
from autograd.ops.binary_cross_entropy import BinaryCrossEntropy

from .loss_arguments import checked_reduction, constant_weights, output_and_target, reduced


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    """-w (y ln p + (1 - y) ln(1 - p)) for probabilities p (after a sigmoid), each log
    floored at -100 as PyTorch's, so p = 0 or 1 gives at most 100 and a finite gradient."""
    checked_reduction(reduction, "binary_cross_entropy")
    p, y = output_and_target(input, target, "binary_cross_entropy")
    weight = constant_weights(weight, "weight", p.shape, p.dtype, "binary_cross_entropy")
    loss = BinaryCrossEntropy.apply(p, y)
    return reduced(loss if weight is None else loss * weight, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean",
                                     pos_weight=None):
    """binary_cross_entropy of sigma(x), with positive targets weighted by pos_weight (one
    per class, along the last axis):

        l = -w (pw y ln sigma(x) + (1 - y) ln(1 - sigma(x)))
          = w ((1 - y) x - (1 + (pw - 1) y) ln sigma(x))

    The second form, with the stable logsigmoid, never overflows (x = +-1000 is fine);
    dl/dx = w ((1 + (pw - 1) y) sigma(x) - pw y), which is w (sigma(x) - y) for pw = 1."""
    operation = "binary_cross_entropy_with_logits"
    checked_reduction(reduction, operation)
    x, y = output_and_target(input, target, operation)
    weight = constant_weights(weight, "weight", x.shape, x.dtype, operation)
    pos_weight = constant_weights(pos_weight, "pos_weight", x.shape, x.dtype, operation)
    log_weight = 1 if pos_weight is None else 1 + (pos_weight - 1) * y
    loss = (1 - y) * x - log_weight * logsigmoid(x)
    return reduced(loss if weight is None else loss * weight, reduction)
