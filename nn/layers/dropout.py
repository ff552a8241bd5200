"""Dropout layers: while training, zero each element (Dropout) or each channel (Dropout1d,
Dropout2d) with probability p and scale the rest by 1/(1 - p); in eval mode
(module.eval()), pass the input on unchanged."""
from .. import functional as F
from ..arguments import flag
from ..functional.dropout import probability
from ..module import Module


class Dropout(Module):
    """F.dropout(x, p, training=self.training, inplace): random from autograd's default
    generator (autograd.manual_seed repeats it), or from `generator` (an extra to PyTorch's
    arguments: an autograd.Generator of this layer's own)."""

    def __init__(self, p=0.5, inplace=False, *, generator=None):
        super().__init__()
        probability(p, type(self).__name__)
        self.p = p
        self.inplace = flag(inplace, "inplace", type(self).__name__)
        self.generator = generator

    def forward(self, x):
        return F.dropout(x, self.p, self.training, self.inplace, generator=self.generator)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"


class Dropout1d(Dropout):
    """Whole channels of (N, C, L) or (C, L) input (F.dropout1d)."""

    def forward(self, x):
        return F.dropout1d(x, self.p, self.training, self.inplace, generator=self.generator)


class Dropout2d(Dropout):
    """Whole channels of (N, C, H, W) input (F.dropout2d)."""

    def forward(self, x):
        return F.dropout2d(x, self.p, self.training, self.inplace, generator=self.generator)
