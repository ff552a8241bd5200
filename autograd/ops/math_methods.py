"""Tensor methods of the smooth elementwise math family (trigonometric, hyperbolic, exp/log variants, erf)."""


class MathMethods:
    __slots__ = ()
