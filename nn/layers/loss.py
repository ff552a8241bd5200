"""Losses as modules, as PyTorch's: `criterion = nn.CrossEntropyLoss(); loss =
criterion(logits, labels)`. Each holds its settings and calls its function in
nn.functional, where the formulas are.

The constructors take PyTorch's arguments by keyword (reduction, weight, ignore_index,
label_smoothing, beta, delta, pos_weight); PyTorch's deprecated size_average and reduce are
left out. `weight` and `pos_weight` are plain attributes, not parameters.
"""
from ..arguments import flag, one_of, real_number
from ..functional import loss_binary, loss_classification, loss_divergence, loss_regression
from ..functional.loss_arguments import REDUCTIONS
from ..functional.loss_targets import checked_ignore_index, checked_label_smoothing
from ..module import Module


class _Loss(Module):
    """A loss module: its reduction, and a repr that shows the settings not at their
    defaults (MSELoss() as PyTorch's; MSELoss(reduction='sum') where PyTorch shows none)."""

    def __init__(self, reduction, reductions=REDUCTIONS):
        super().__init__()
        self.reduction = one_of(reduction, reductions, "reduction", type(self).__name__)

    def settings(self):
        """(name, value, default) of each scalar setting, for the repr."""
        return [("reduction", self.reduction, "mean")]

    def extra_repr(self):
        return ", ".join(f"{name}={value!r}" for name, value, default in self.settings()
                         if value != default)


class MSELoss(_Loss):
    """mean, sum or elementwise (a - y)^2: F.mse_loss."""

    def __init__(self, *, reduction="mean"):
        super().__init__(reduction)

    def forward(self, input, target):
        return loss_regression.mse_loss(input, target, self.reduction)


class L1Loss(_Loss):
    """mean, sum or elementwise |a - y|: F.l1_loss."""

    def __init__(self, *, reduction="mean"):
        super().__init__(reduction)

    def forward(self, input, target):
        return loss_regression.l1_loss(input, target, self.reduction)


class SmoothL1Loss(_Loss):
    """0.5 d^2 / beta near 0, |d| - 0.5 beta beyond beta (d = a - y): F.smooth_l1_loss."""

    def __init__(self, *, reduction="mean", beta=1.0):
        super().__init__(reduction)
        self.beta = real_number(beta, "beta", "SmoothL1Loss", 0)

    def settings(self):
        return super().settings() + [("beta", self.beta, 1.0)]

    def forward(self, input, target):
        return loss_regression.smooth_l1_loss(input, target, self.reduction, self.beta)


class HuberLoss(_Loss):
    """0.5 d^2 near 0, delta (|d| - 0.5 delta) beyond delta (d = a - y): F.huber_loss."""

    def __init__(self, *, reduction="mean", delta=1.0):
        super().__init__(reduction)
        self.delta = real_number(delta, "delta", "HuberLoss", 0, low_inclusive=False)

    def settings(self):
        return super().settings() + [("delta", self.delta, 1.0)]

    def forward(self, input, target):
        return loss_regression.huber_loss(input, target, self.reduction, self.delta)


class NLLLoss(_Loss):
    """-w[c] log_p[c] for log-probabilities and class indices c: F.nll_loss."""

    def __init__(self, weight=None, *, ignore_index=-100, reduction="mean"):
        super().__init__(reduction)
        self.weight = weight
        self.ignore_index = checked_ignore_index(ignore_index, "NLLLoss")

    def settings(self):
        return super().settings() + [("ignore_index", self.ignore_index, -100)]

    def forward(self, input, target):
        return loss_classification.nll_loss(input, target, self.weight, self.ignore_index,
                                            self.reduction)


class CrossEntropyLoss(_Loss):
    """-log softmax(z)[c] for logits z and class indices or probabilities:
    F.cross_entropy."""

    def __init__(self, weight=None, *, ignore_index=-100, reduction="mean",
                 label_smoothing=0.0):
        super().__init__(reduction)
        self.weight = weight
        self.ignore_index = checked_ignore_index(ignore_index, "CrossEntropyLoss")
        self.label_smoothing = checked_label_smoothing(label_smoothing, "CrossEntropyLoss")

    def settings(self):
        return super().settings() + [("ignore_index", self.ignore_index, -100),
                                     ("label_smoothing", self.label_smoothing, 0.0)]

    def forward(self, input, target):
        return loss_classification.cross_entropy(input, target, self.weight, self.ignore_index,
                                                 self.reduction, self.label_smoothing)


class BCELoss(_Loss):
    """-w (y ln p + (1 - y) ln(1 - p)) for probabilities p: F.binary_cross_entropy."""

    def __init__(self, weight=None, *, reduction="mean"):
        super().__init__(reduction)
        self.weight = weight

    def forward(self, input, target):
        return loss_binary.binary_cross_entropy(input, target, self.weight, self.reduction)


class BCEWithLogitsLoss(_Loss):
    """BCELoss of sigmoid(x), computed stably from the logits x:
    F.binary_cross_entropy_with_logits."""

    def __init__(self, weight=None, *, reduction="mean", pos_weight=None):
        super().__init__(reduction)
        self.weight = weight
        self.pos_weight = pos_weight

    def forward(self, input, target):
        return loss_binary.binary_cross_entropy_with_logits(
            input, target, self.weight, self.reduction, self.pos_weight)


class KLDivLoss(_Loss):
    """t (ln t - log_q) for log-probabilities log_q and a target distribution t:
    F.kl_div (reduction 'batchmean' gives the divergence per example)."""

    def __init__(self, *, reduction="mean", log_target=False):
        super().__init__(reduction, loss_divergence.KL_REDUCTIONS)
        self.log_target = flag(log_target, "log_target", "KLDivLoss")

    def settings(self):
        return super().settings() + [("log_target", self.log_target, False)]

    def forward(self, input, target):
        return loss_divergence.kl_div(input, target, self.reduction, self.log_target)
