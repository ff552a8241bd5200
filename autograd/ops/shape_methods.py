"""Tensor methods of the shape family (ops in shape.py, reordering.py, repeating.py; the
splitting methods in splitting_methods.py). PyTorch's names and meanings; numpy's `axis`
where it means the same as `dim`."""
import numpy as np

from .repeating import RepeatInterleave, Tile
from .reordering import Flip, Roll
from .shape import BroadcastTo, Reshape, Transpose
from .shape_arguments import (distinct_axes, expanded_shape, int_sequence, is_int, moved_axes,
                              repeat_counts, unflattened_shape)
from .shapes import axis_index, dim_or_axis
from .splitting_methods import SplittingMethods


class ShapeMethods(SplittingMethods):
    __slots__ = ()

    # -- reshapes ----------------------------------------------------------------------------

    def reshape(self, *shape):
        return Reshape.apply(self, shape=int_sequence(shape, "reshape", "the shape"))

    def view(self, *shape):
        """The same as reshape (one size may be -1). Ours promises no storage sharing beyond
        reshape's: it copies nothing where numpy need not, and it never refuses a tensor
        that is not contiguous (torch's view does; its reshape does not)."""
        return self.reshape(*shape)

    def view_as(self, other):
        return self.reshape(other.shape)

    def reshape_as(self, other):
        return self.reshape(other.shape)

    def contiguous(self):
        """self: numpy keeps the layout, there is nothing to copy."""
        return self

    def unsqueeze(self, dim=None, *, axis=None):
        """A new axis of size 1 at position `dim` (numpy's expand_dims)."""
        axis = axis_index(dim_or_axis(dim, axis, "unsqueeze"), self.ndim + 1, "unsqueeze")
        return self.reshape(self.shape[:axis] + (1,) + self.shape[axis:])

    def squeeze(self, dim=None, *, axis=None):
        """The given axes (None: all) removed where their size is 1; an axis of another size
        is left alone (as PyTorch; numpy would raise)."""
        dim = dim_or_axis(dim, axis, "squeeze")
        axes = range(self.ndim) if dim is None else distinct_axes(dim, self.ndim, "squeeze")
        dropped = {a for a in axes if self.ndim and self.shape[a] == 1}
        return self.reshape(tuple(n for a, n in enumerate(self.shape) if a not in dropped))

    def flatten(self, start_dim=0, end_dim=-1):
        """Axes start_dim..end_dim merged into one (a 0-d tensor becomes shape (1,)). With
        nothing to merge (start_dim = end_dim) it returns the tensor itself, as PyTorch."""
        start = axis_index(start_dim, self.ndim, "flatten")
        end = axis_index(end_dim, self.ndim, "flatten")
        if start > end:
            raise ValueError(f"flatten: start_dim {start_dim} comes after end_dim {end_dim} "
                             f"(tensor of shape {self.shape})")
        if start == end and self.ndim:
            return self
        merged = int(np.prod(self.shape[start:end + 1]))
        return self.reshape(self.shape[:start] + (merged,) + self.shape[end + 1:])

    def unflatten(self, dim, sizes):
        """Axis `dim` split into axes of the given sizes (one may be -1)."""
        axis = axis_index(dim, self.ndim, "unflatten")
        if self.ndim == 0:
            raise ValueError("unflatten: a 0-d tensor has no axis to split")
        sizes = int_sequence((sizes,), "unflatten")
        return self.reshape(unflattened_shape(self.shape, axis, sizes))

    # -- permutations ------------------------------------------------------------------------

    def permute(self, *dims):
        """Axes in the order `dims` (a full permutation): out.shape[i] = self.shape[dims[i]]."""
        return Transpose.apply(self, axes=int_sequence(dims, "permute", "the dims"))

    def transpose(self, *dims):
        """transpose(dim0, dim1) swaps two axes, as PyTorch; transpose() reverses all axes,
        as numpy. For a full permutation use permute(*dims)."""
        if not dims:
            return Transpose.apply(self, axes=None)
        if len(dims) != 2 or not all(is_int(d) for d in dims):
            raise TypeError(
                f"transpose: expected two dims to swap, transpose(dim0, dim1) (or nothing, "
                f"to reverse all axes); got {dims!r}. For numpy's transpose(axes), a full "
                f"permutation, use permute(*axes)"
            )
        first = axis_index(dims[0], self.ndim, "transpose")
        second = axis_index(dims[1], self.ndim, "transpose")
        axes = list(range(self.ndim))
        if self.ndim:
            axes[first], axes[second] = axes[second], axes[first]
        return Transpose.apply(self, axes=tuple(axes))

    def swapaxes(self, axis0, axis1):
        return self.transpose(axis0, axis1)

    def swapdims(self, dim0, dim1):
        return self.transpose(dim0, dim1)

    @property
    def T(self):
        """All axes reversed (numpy's `.T`; PyTorch deprecates it for ndim != 2 but still
        reverses); for a matrix, its transpose."""
        return self.transpose()

    @property
    def mT(self):
        """The last two axes swapped: each matrix of a batch transposed (a 0-d tensor is
        returned itself, as PyTorch, which deprecates that)."""
        if self.ndim == 0:
            return self
        if self.ndim < 2:
            raise ValueError(f"mT: needs at least 2 dimensions; got shape {self.shape}")
        return self.transpose(-2, -1)

    def t(self):
        """A matrix transposed; a tensor with fewer than 2 axes as it is."""
        if self.ndim > 2:
            raise ValueError(f"t: expects at most 2 dimensions; got shape {self.shape} (use "
                             f"transpose(dim0, dim1) or mT)")
        return self.transpose()

    def movedim(self, source, destination):
        """Axes `source` (int or sequence) moved to positions `destination`, the others
        keeping their order (numpy's moveaxis)."""
        return Transpose.apply(self, axes=moved_axes(source, destination, self.ndim))

    def moveaxis(self, source, destination):
        return self.movedim(source, destination)

    # -- broadcasting and copies -------------------------------------------------------------

    def expand(self, *sizes):
        """Axes of size 1 repeated (without copying) to `sizes`, new leading axes put in;
        -1 keeps an axis' size."""
        sizes = int_sequence(sizes, "expand")
        return BroadcastTo.apply(self, shape=expanded_shape(self.shape, sizes, "expand"))

    def expand_as(self, other):
        return self.expand(other.shape)

    def broadcast_to(self, *shape):
        shape = int_sequence(shape, "broadcast_to", "the shape")
        return BroadcastTo.apply(self, shape=expanded_shape(self.shape, shape, "broadcast_to"))

    def repeat(self, *sizes):
        """PyTorch's repeat: the whole tensor tiled sizes[k] times along axis k (numpy's tile;
        for numpy's repeat, element by element, use repeat_interleave)."""
        sizes = int_sequence(sizes, "repeat")
        if len(sizes) < self.ndim or any(n < 0 for n in sizes):
            raise ValueError(
                f"repeat: needs a non-negative count for each of the {self.ndim} axes (shape "
                f"{self.shape}); got {sizes}"
            )
        return Tile.apply(self, reps=sizes)

    def tile(self, *dims):
        """Like repeat, but fewer counts than axes count from the last axis (numpy's tile)."""
        dims = int_sequence(dims, "tile")
        return self.repeat((1,) * (self.ndim - len(dims)) + dims)

    def repeat_interleave(self, repeats, dim=None):
        """Each element (dim None: of the flattened tensor) or each slice along `dim`
        repeated in place: `repeats` an int or one int per slice (numpy's repeat)."""
        x = self.reshape(-1) if dim is None or self.ndim == 0 else self
        axis = axis_index(0 if dim is None else dim, x.ndim, "repeat_interleave")
        counts = repeat_counts(repeats, x.shape[axis])
        return RepeatInterleave.apply(x, repeats=counts, axis=axis)

    # -- reordering --------------------------------------------------------------------------

    def flip(self, *dims):
        """The order of elements along `dims` reversed (numpy's flip(axis))."""
        return Flip.apply(self, axes=distinct_axes(int_sequence(dims, "flip", "the dims"),
                                                   self.ndim, "flip"))

    def fliplr(self):
        """Left and right swapped: axis 1 reversed (needs at least 2 axes)."""
        if self.ndim < 2:
            raise ValueError(f"fliplr: needs at least 2 dimensions; got shape {self.shape}")
        return self.flip(1)

    def flipud(self):
        """Up and down swapped: axis 0 reversed (needs at least 1 axis)."""
        if self.ndim < 1:
            raise ValueError(f"flipud: needs at least 1 dimension; got shape {self.shape}")
        return self.flip(0)

    def roll(self, shifts, dims=None):
        """Elements shifted cyclically by `shifts` along `dims` (None: the flattened tensor,
        the shape kept). Ints or sequences of the same length; a dim may repeat."""
        shifts = int_sequence((shifts,), "roll", "the shifts")
        if dims is None:
            if len(shifts) != 1:
                raise ValueError(f"roll: without dims, shifts must be one int; got {shifts}")
            return Roll.apply(self, shifts=shifts, axes=None)
        dims = int_sequence((dims,), "roll", "the dims")
        if len(dims) != len(shifts):
            raise ValueError(f"roll: shifts {shifts} and dims {dims} must have the same length")
        if self.ndim == 0:
            raise IndexError(f"roll: a 0-d tensor has no dim {dims[0]} (use dims=None)")
        axes = tuple(axis_index(d, self.ndim, "roll") for d in dims)
        return Roll.apply(self, shifts=shifts, axes=axes)
