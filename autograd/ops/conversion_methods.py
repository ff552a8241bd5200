"""Tensor methods of dtype conversions, copies and PyTorch-style accessors."""


class ConversionMethods:
    __slots__ = ()
