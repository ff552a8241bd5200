"""Dropout: while training, zero each element with probability p and scale the rest by
1/(1 - p); in eval mode (module.eval()), pass the input on unchanged."""
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
        probability(p, "Dropout")
        self.p = p
        self.inplace = flag(inplace, "inplace", "Dropout")
        self.generator = generator

    def forward(self, x):
        return F.dropout(x, self.p, self.training, self.inplace, generator=self.generator)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"
