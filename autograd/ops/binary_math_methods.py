"""Tensor methods of rounding, two-tensor math (maximum, atan2, lerp, ...), predicates and logic."""


class BinaryMathMethods:
    __slots__ = ()
