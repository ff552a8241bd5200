"""Modules that only reshape: Flatten, Unflatten, and Identity, which passes its input on."""
import autograd

from ..arguments import described, is_int
from ..module import Module


def _int(value, name, operation):
    if not is_int(value):
        raise TypeError(f"{operation}: {name} must be an int, got {described(value)}")
    return int(value)


class Flatten(Module):
    """Axes start_dim..end_dim merged into one: (N, C, H, W) -> (N, C*H*W) by default, the
    batch axis kept (autograd.flatten)."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = _int(start_dim, "start_dim", "Flatten")
        self.end_dim = _int(end_dim, "end_dim", "Flatten")

    def forward(self, x):
        return autograd.flatten(x, self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Axis `dim` split into axes of `unflattened_size` (one of them may be -1):
    (N, 784) -> (N, 1, 28, 28) with Unflatten(1, (1, 28, 28))."""

    def __init__(self, dim, unflattened_size):
        super().__init__()
        self.dim = _int(dim, "dim", "Unflatten")
        if not isinstance(unflattened_size, (tuple, list)) or not all(
                is_int(n) for n in unflattened_size):
            raise TypeError(f"Unflatten: unflattened_size must be a tuple or list of ints, "
                            f"got {described(unflattened_size)}")
        self.unflattened_size = unflattened_size

    def forward(self, x):
        return autograd.unflatten(x, self.dim, self.unflattened_size)

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"


class Identity(Module):
    """y = x: a placeholder layer. Any constructor arguments are ignored, as PyTorch's."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, x):
        return x
