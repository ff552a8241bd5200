"""Tensor methods that cut a tensor into pieces: narrow, split, chunk, unbind. Each piece is
a slice of the tensor, x[..., start:stop], whose gradient goes back to its place."""
from .shape_arguments import is_int, split_bounds
from .shapes import axis_index


class SplittingMethods:
    __slots__ = ()

    def _axis_to_cut(self, dim, op_name):
        if self.ndim == 0:
            raise ValueError(f"{op_name}: a 0-d tensor has no axis to cut")
        return axis_index(dim, self.ndim, op_name)

    def _piece(self, axis, start, stop):
        return self[(slice(None),) * axis + (slice(start, stop),)]

    def narrow(self, dim, start, length):
        """The `length` elements from `start` (negative counts from the end) along `dim`."""
        axis = self._axis_to_cut(dim, "narrow")
        n = self.shape[axis]
        if not (is_int(start) and is_int(length)):
            raise TypeError(f"narrow: start and length must be ints; got {start!r}, {length!r}")
        if not -n <= start <= n:
            raise IndexError(f"narrow: start {start} is out of range for an axis of size {n}")
        start = start % n if start < 0 else start
        if length < 0 or start + length > n:
            raise ValueError(
                f"narrow: start {start} and length {length} do not fit in an axis of size {n}"
            )
        return self._piece(axis, start, start + length)

    def split(self, split_size_or_sections, dim=0):
        """Pieces along `dim`: of split_size each (the last may be smaller), or of the given
        section sizes (which add up to the axis' size). A tuple of tensors."""
        axis = self._axis_to_cut(dim, "split")
        bounds = split_bounds(self.shape[axis], split_size_or_sections)
        return tuple(self._piece(axis, start, stop) for start, stop in bounds)

    def chunk(self, chunks, dim=0):
        """At most `chunks` pieces of equal size ceil(n / chunks) along `dim` (the last may be
        smaller, and fewer pieces come out when they run out, as PyTorch)."""
        axis = self._axis_to_cut(dim, "chunk")
        if not is_int(chunks) or chunks <= 0:
            raise ValueError(f"chunk: chunks must be a positive int; got {chunks!r}")
        n = self.shape[axis]
        if n == 0:
            return tuple(self._piece(axis, 0, 0) for _ in range(chunks))
        return self.split(-(-n // chunks), axis)

    def unbind(self, dim=0):
        """The slices along `dim`, that axis removed: a tuple of tensors."""
        if self.ndim == 0:
            raise IndexError("unbind: a 0-d tensor has no dimension to unbind")
        axis = axis_index(dim, self.ndim, "unbind")
        return tuple(self[(slice(None),) * axis + (i,)] for i in range(self.shape[axis]))
