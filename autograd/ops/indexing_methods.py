"""Tensor methods of the indexing family (ops in indexing.py)."""
from .indexing import GetItem, plain_index


class IndexingMethods:
    __slots__ = ()

    def __getitem__(self, index):
        return GetItem.apply(self, index=plain_index(index))
