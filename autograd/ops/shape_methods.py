"""Tensor methods of the shape family (ops in shape.py)."""
import numpy as np

from .shape import Reshape, Transpose
from .shapes import axis_index


class ShapeMethods:
    __slots__ = ()

    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        for n in shape:
            if not isinstance(n, (int, np.integer)) or isinstance(n, bool):
                raise TypeError(f"reshape: the shape must be ints; got {shape!r}")
        return Reshape.apply(self, shape=shape)

    def transpose(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        return Transpose.apply(self, axes=axes or None)

    def swapaxes(self, axis1, axis2):
        axes = list(range(self.ndim))
        first = axis_index(axis1, self.ndim, "swapaxes")
        second = axis_index(axis2, self.ndim, "swapaxes")
        if self.ndim:
            axes[first], axes[second] = axes[second], axes[first]
        return Transpose.apply(self, axes=tuple(axes))

    @property
    def T(self):
        """All axes reversed (numpy's `.T`); for a matrix, its transpose."""
        return self.transpose()
