"""Tangents in jvp rules. An input that carries no tangent gets None (as in PyTorch's custom
Functions), an absorbing zero: rules leave its term out, so `inf * 0` never makes a NaN that
the derivative does not have (d(2x) = 2 dx also at x = inf)."""
import numpy as np


def tangent_sum(*terms):
    """The sum of the terms that are present (None: that input carries no tangent)."""
    present = [term for term in terms if term is not None]
    return sum(present[1:], present[0])


def or_zeros(tangent, like):
    """A missing tangent as zeros shaped like the input `like`, for rules that select or
    place tangents rather than multiply them."""
    return np.zeros_like(like) if tangent is None else tangent
