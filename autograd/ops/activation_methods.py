"""Tensor methods of the activation family."""


class ActivationMethods:
    __slots__ = ()
