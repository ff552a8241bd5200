"""Property tests of gradients for everyone: hypothesis strategies that draw Tensors, shapes and
inputs for an op, and assertions that compare its gradients with finite differences.

    from hypothesis import given
    from autograd.testing import assert_gradients_match, op_inputs, positive

    @given(op_inputs(MyLog, domain=positive))
    def test_my_log(inputs):
        assert_gradients_match(MyLog.apply, *inputs)

The strategies need hypothesis (`pip install hypothesis`, or the project's `testing` extra);
the assertions do not.
"""
from .assertions import (GradientMismatch, assert_gradients_match, assert_jvp_matches_vjp,
                         assert_second_order_match)

try:
    from . import domains
    from .domains import (away_from, bounded, interval, magnitudes, nonzero, positive, real,
                          unit_interval)
    from .strategies import (arrays, broadcastable_shapes, matmul_shapes, op_inputs, shapes,
                             tensors)
except ModuleNotFoundError as error:
    if error.name != "hypothesis":
        raise
    _missing = error

    def __getattr__(name):
        raise ImportError(
            f"autograd.testing.{name} needs hypothesis, which is not installed: "
            f"pip install hypothesis"
        ) from _missing

__all__ = [
    "GradientMismatch", "assert_gradients_match", "assert_jvp_matches_vjp",
    "assert_second_order_match", "away_from",
    "arrays", "bounded", "broadcastable_shapes", "domains", "interval", "magnitudes",
    "matmul_shapes", "nonzero",
    "op_inputs", "positive", "real", "shapes", "tensors", "unit_interval",
]
