"""Where an op's inputs may lie for a gradient check: element strategies by domain.

Finite differences perturb each element by eps = 1e-6 in both directions, so inputs must stay
away from points where the op is not differentiable (kinks, poles, the edge of its domain).

    positive      (0.1 to 5)        log, sqrt, 1/x, x ** 0.5
    real          (-3 to 3)         polynomials, sin, tanh, sigmoid
    bounded       (-5 to 5)         exp and other fast growers: no overflow, sane magnitudes
    nonzero       (0.5 <= |x| <= 3) divisors
    unit_interval (-0.9 to 0.9)     asin, acos, atanh
    away_from(*points)              abs and relu (0), clip (its bounds): 0.01 from each point
    interval(lo, hi), magnitudes(lo, hi)   your own ranges
"""
from hypothesis import strategies as st


def interval(lo, hi):
    """Finite float64 numbers in [lo, hi]."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def away_from(*points, lo=-3.0, hi=3.0, margin=1e-2):
    """Numbers in [lo, hi] at least `margin` from each of `points`: the eps of a finite
    difference never straddles a kink there."""
    return interval(lo, hi).filter(lambda v: all(abs(v - p) > margin for p in points))


def magnitudes(lo, hi):
    """Numbers with lo <= |v| <= hi, of either sign."""
    return st.tuples(interval(lo, hi), st.booleans()).map(
        lambda magnitude_and_sign: -magnitude_and_sign[0] if magnitude_and_sign[1]
        else magnitude_and_sign[0])


real = interval(-3.0, 3.0)
positive = interval(0.1, 5.0)
bounded = interval(-5.0, 5.0)
unit_interval = interval(-0.9, 0.9)
nonzero = magnitudes(0.5, 3.0)
