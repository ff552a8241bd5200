"""`count_ops()`: how many ops a computation runs, forward and backward, by name.

    with autograd.count_ops() as count:
        loss = network(x); loss.backward()
    count.forward_total, count.backward_total, count.forward["linear"]

It shows what each way of differentiating costs: a Jacobian by forward mode runs the function
once per input element, by reverse mode one backward pass per output element.
"""
import contextlib
from collections import Counter

from .modes import observing


class OpCount:
    """Ops applied (`forward`) and backward steps run (`backward`), per op name."""

    def __init__(self):
        self.forward = Counter()
        self.backward = Counter()

    @property
    def forward_total(self):
        return sum(self.forward.values())

    @property
    def backward_total(self):
        return sum(self.backward.values())

    def applied(self, ctx, result):
        self.forward[type(ctx).__name__.lower()] += 1

    def visit(self, node, grad):
        self.backward[type(node).__name__.lower()] += 1

    def sent(self, node, tensor, grad):
        pass

    def __repr__(self):
        return f"<OpCount: {self.forward_total} forward ops, {self.backward_total} backward steps>"


@contextlib.contextmanager
def count_ops():
    """Count every op applied and every backward step run in this thread, inside."""
    count = OpCount()
    with observing(apply=count, backward=count):
        yield count
