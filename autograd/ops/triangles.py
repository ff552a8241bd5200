"""Diagonals and triangles: diagonal, diag_embed, diag, tril, triu.

diagonal is a selection (GetItem's backward puts the gradient back on the diagonal) and
diag_embed its adjoint (IndexAdd: zeros with the values on a diagonal); each one's gradient is
the other."""
import numpy as np

from ..function import Function
from .indexing import GetItem, IndexAdd, operand
from .shapes import axis_index


def diagonal_index(shape, offset, dim1, dim2):
    """The numpy index (all arrays) that picks numpy's/torch's diagonal(x, offset, dim1, dim2)
    of an array of `shape`: the other axes in order, then the diagonal, entry k at
    (row + k, column + k) of the (dim1, dim2) planes, with row = max(-offset, 0) and
    column = max(offset, 0)."""
    row, column = max(-offset, 0), max(offset, 0)
    length = max(0, min(shape[dim1] - row, shape[dim2] - column))
    others = [a for a in range(len(shape)) if a not in (dim1, dim2)]
    ndim = len(others) + 1
    index = [None] * len(shape)
    for i, a in enumerate(others):
        index[a] = np.arange(shape[a]).reshape([-1 if j == i else 1 for j in range(ndim)])
    along = np.arange(length).reshape((1,) * len(others) + (-1,))
    index[dim1], index[dim2] = row + along, column + along
    return tuple(index)


def _two_dims(op_name, ndim, dim1, dim2):
    first, second = axis_index(dim1, ndim, op_name), axis_index(dim2, ndim, op_name)
    if ndim < 2 or first == second:
        raise ValueError(
            f"{op_name}: needs two different dims of a tensor with at least 2; got dim1={dim1}, "
            f"dim2={dim2} for {ndim} dims"
        )
    return first, second


class Diagonal(GetItem):
    """y[..., k] = x[..., r + k, ..., c + k, ...] (the diagonal of the planes of dims dim1,
    dim2, as a last axis; r, c from the offset);  dy/dx puts the gradient back on the
    diagonal, zeros elsewhere (GetItem's backward)."""

    @property
    def name(self):
        return f"diagonal(offset={self.offset}, dim1={self.dim1}, dim2={self.dim2})"

    @staticmethod
    def forward(ctx, x, offset=0, dim1=0, dim2=1):
        ctx.offset, ctx.dim1, ctx.dim2 = offset, dim1, dim2
        first, second = _two_dims("diagonal", x.ndim, dim1, dim2)
        return GetItem.forward(ctx, x, diagonal_index(x.shape, offset, first, second))


class DiagEmbed(IndexAdd):
    """y = zeros with x's last axis laid on the diagonal of the planes of dims dim1, dim2 of
    the result (one more dim than x, each side len + |offset|);  dy/dx = that diagonal of
    grad (IndexAdd's backward)."""

    @property
    def name(self):
        return f"diag_embed(offset={self.offset}, dim1={self.dim1}, dim2={self.dim2})"

    @staticmethod
    def forward(ctx, x, offset=0, dim1=-2, dim2=-1):
        ctx.offset, ctx.dim1, ctx.dim2 = offset, dim1, dim2
        if x.ndim == 0:
            raise ValueError("diag_embed: needs a tensor with at least 1 dim; got a 0-d tensor")
        first, second = _two_dims("diag_embed", x.ndim + 1, dim1, dim2)
        shape = list(x.shape[:-1])
        side = x.shape[-1] + abs(offset)
        for a in sorted((first, second)):
            shape.insert(a, side)
        ctx.index = diagonal_index(shape, offset, first, second)
        out = np.zeros(shape, dtype=x.dtype)
        out[ctx.index] = x  # each place once: written, not added, so a -0 stays -0 (as torch)
        return out


class _Triangle(Function):
    """Shared by tril and triu: y = x where the mask keeps it, else 0;  dy/dx = the mask
    (chosen with `where`: an infinite gradient outside gives 0, not NaN)."""

    @property
    def name(self):
        return f"{type(self).__name__.lower()}(diagonal={self.diagonal})"

    def keep(self, x, diagonal, keeps_lower):
        if x.ndim < 2:
            raise ValueError(f"{self.name}: needs a tensor with at least 2 dims; got shape "
                             f"{x.shape}")
        rows, columns = x.shape[-2:]
        lower = np.tri(rows, columns, diagonal if keeps_lower else diagonal - 1, dtype=bool)
        self.mask = lower if keeps_lower else ~lower
        return np.where(self.mask, x, x.dtype.type(0))

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.where(ctx.mask, grad, 0)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx where the mask keeps x, else 0."""
        return np.where(ctx.mask, tangent, 0)


class Tril(_Triangle):
    """y[..., i, j] = x[..., i, j] where j <= i + diagonal, else 0 (the lower triangle)."""

    @staticmethod
    def forward(ctx, x, diagonal=0):
        ctx.diagonal = diagonal
        return ctx.keep(x, diagonal, keeps_lower=True)


class Triu(_Triangle):
    """y[..., i, j] = x[..., i, j] where j >= i + diagonal, else 0 (the upper triangle)."""

    @staticmethod
    def forward(ctx, x, diagonal=0):
        ctx.diagonal = diagonal
        return ctx.keep(x, diagonal, keeps_lower=False)


def diagonal(input, offset=0, dim1=0, dim2=1):
    """torch.diagonal / numpy.diagonal: the diagonal of the (dim1, dim2) planes, last."""
    return Diagonal.apply(operand(input), offset=offset, dim1=dim1, dim2=dim2)


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """torch.diag_embed: the last axis laid on a diagonal of new (dim1, dim2) planes."""
    return DiagEmbed.apply(operand(input), offset=offset, dim1=dim1, dim2=dim2)


def diag(input, diagonal=0):
    """torch.diag / numpy.diag: a vector becomes a square matrix with it on the given
    diagonal; a matrix gives that diagonal as a vector."""
    input = operand(input)
    if input.ndim == 1:
        return DiagEmbed.apply(input, offset=diagonal, dim1=0, dim2=1)
    if input.ndim == 2:
        return Diagonal.apply(input, offset=diagonal, dim1=0, dim2=1)
    raise ValueError(f"diag: expects a 1-d or 2-d tensor; got shape {input.shape}")


def tril(input, diagonal=0):
    """torch.tril / numpy.tril: the lower triangle of the last two dims (others 0)."""
    return Tril.apply(operand(input), diagonal=diagonal)


def triu(input, diagonal=0):
    """torch.triu / numpy.triu: the upper triangle of the last two dims (others 0)."""
    return Triu.apply(operand(input), diagonal=diagonal)
