"""Tensor methods of the indexing family: indexing, gathering, masks, triangles, sorting and
products (ops in indexing.py, gather_scatter.py, selection.py, triangles.py, sorting.py,
contractions.py; each method calls the module-level function of the same name there).
The family's module-level functions, autograd.gather and the rest, are gathered here too."""
from .contractions import dot, einsum, matmul, outer, tensordot
from .gather_scatter import (gather, index_select, scatter, scatter_add, take_along_axis,
                             take_along_dim)
from .indexing import GetItem, plain_index
from .selection import masked_fill, masked_select, one_hot
from .sorting import argsort, sort, topk
from .triangles import diag, diag_embed, diagonal, tril, triu

__all__ = ["IndexingMethods", "argsort", "diag", "diag_embed", "diagonal", "dot", "einsum",
           "gather", "index_select", "masked_fill", "masked_select", "matmul", "one_hot", "outer",
           "scatter", "scatter_add", "sort", "take_along_axis", "take_along_dim", "tensordot",
           "topk", "tril", "triu"]


class IndexingMethods:
    __slots__ = ()

    def __getitem__(self, index):
        return GetItem.apply(self, index=plain_index(index))

    def gather(self, dim, index):
        return gather(self, dim, index)

    def take_along_dim(self, indices, dim=None):
        return take_along_dim(self, indices, dim)

    def index_select(self, dim, index):
        return index_select(self, dim, index)

    def scatter(self, dim, index, src=None, *, value=None):
        return scatter(self, dim, index, src, value=value)

    def scatter_add(self, dim, index, src):
        return scatter_add(self, dim, index, src)

    def masked_fill(self, mask, value):
        return masked_fill(self, mask, value)

    def masked_select(self, mask):
        return masked_select(self, mask)

    def diagonal(self, offset=0, dim1=0, dim2=1):
        return diagonal(self, offset, dim1, dim2)

    def diag_embed(self, offset=0, dim1=-2, dim2=-1):
        return diag_embed(self, offset, dim1, dim2)

    def diag(self, diagonal=0):
        return diag(self, diagonal)

    def tril(self, diagonal=0):
        return tril(self, diagonal)

    def triu(self, diagonal=0):
        return triu(self, diagonal)

    def sort(self, dim=None, descending=False, *, stable=False, axis=None):
        return sort(self, dim, descending, stable=stable, axis=axis)

    def argsort(self, dim=None, descending=False, stable=False, *, axis=None):
        return argsort(self, dim, descending, stable, axis=axis)

    def topk(self, k, dim=-1, largest=True, sorted=True):
        return topk(self, k, dim, largest, sorted)

    def matmul(self, other):
        return matmul(self, other)

    def dot(self, other):
        return dot(self, other)

    def outer(self, vec2):
        return outer(self, vec2)
