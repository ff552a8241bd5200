"""When our engine's answer and PyTorch's agree, for the differential tests: tolerances, NaN and
infinity rules, and torch's own rounding noise (see test_differential_torch.py's docstring)."""
import math

import numpy as np

from programs import OURS, TORCH, Program

# What our engine may raise where torch raises: the standard types the design names, and
# IndexError only where torch raises IndexError too (an index out of range).
STANDARD_ERRORS = (ValueError, TypeError, RuntimeError)

def largest_magnitude(array):
    """The largest finite |element|, at least 1."""
    return max(1.0, float(np.max(np.abs(array[np.isfinite(array)]), initial=0.0)))


SUBNORMAL = np.finfo(np.float64).tiny  # below this, differences do not count


def whole_program_tolerance(reference, derivative):
    """(rtol, atol) for a value or derivative of a whole program (see the module docstring)."""
    return 1e-7, 1e-10 * largest_magnitude(reference)


# Ops whose result adds up many products or exponentials: their last bits depend on the order.
ADDING_OPS = {"sum", "mean", "matmul", "softmax", "log_softmax", "softmin", "var", "std",
              "logsumexp", "norm", "cumsum", "einsum", "tensordot", "dot",
              # gelu's tanh form is x (1 + tanh u) / 2: for x around -4 the sum 1 + tanh u
              # cancels, and a last-bit difference of the two engines' tanh shows at 3e-12
              "gelu",
              # convolution and average pooling are sums of products (program_ops_conv.py)
              "conv1d", "avg_pool", "adaptive_avg_pool"}

# Ops whose second derivative is identically 0 somewhere: torch's double backward sends an
# explicit 0 there, ours nothing (see test_differential_torch.py's docstring).
ZERO_SECOND_DERIVATIVE_OPS = {"relu", "abs", "leaky_relu", "hardtanh", "relu6", "hardsigmoid",
                              "hardswish", "elu", "celu", "selu",
                              "lerp"}  # d2y/d(start)2 = d2y/d(end)2 = 0


def one_op_tolerance(op, inputs):
    """The (rtol, atol) rule for op `op` run alone on these input arrays."""
    combined = math.prod(largest_magnitude(a) for a in inputs) if op in ADDING_OPS else 0.0

    def tolerance(reference, derivative):
        return 1e-12, 1e-12 * combined + (1e-12 if derivative else SUBNORMAL)
    return tolerance


def differing_elements(ours, theirs, tolerance, derivative, noise=0.0):
    """A boolean mask of the elements that disagree (arrays of the same shape); `noise`
    (elementwise) widens the absolute tolerance of finite elements."""
    rtol, atol = tolerance(theirs, derivative)
    finite = np.isfinite(ours) & np.isfinite(theirs)
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(ours - theirs) <= rtol * np.abs(theirs) + atol + noise
        same_special = (ours == theirs) | (np.isnan(ours) & np.isnan(theirs))
    return ~np.where(finite, close, same_special)


def disagreement(ours, theirs, tolerance=whole_program_tolerance, derivative=False, noise=0.0):
    """None when the arrays agree (see the module docstring), else a description of where
    they differ."""
    if ours.shape != theirs.shape:
        return f"shape {ours.shape}, torch {theirs.shape}"
    if ours.dtype != theirs.dtype:
        return f"dtype {ours.dtype}, torch {theirs.dtype}"
    wrong = differing_elements(ours, theirs, tolerance, derivative, noise)
    if not wrong.any():
        return None
    where = tuple(int(i) for i in np.argwhere(wrong)[0])
    return (f"{int(wrong.sum())} of {wrong.size} elements differ, first at {where}: "
            f"ours {ours[where]!r}, torch {theirs[where]!r}\n  ours  {ours!r}\n  torch {theirs!r}")


NUDGE = 4 * np.finfo(np.float64).eps


def nudged(program, sign, rng):
    """The program with rounding errors of up to 4 ulps put in: every leaf scaled by
    1 + sign NUDGE (zeros, signs, infinities and ties among the leaves stay), and every
    element of every step's result, of the loss weights and of the HVP vector by its own
    factor, uniform in 1 +- NUDGE (so that two terms that cancel exactly no longer do)."""
    def jitter(shape):
        return 1 + NUDGE * rng.uniform(-1.0, 1.0, size=shape)
    leaves = len(program.leaves)
    value_shapes = [np.shape(w) for w in program.weights[leaves:]]
    value_shapes += [()] * (len(program.steps) - len(value_shapes))  # a step drawn invalid
    return Program([a * (1 + sign * NUDGE) for a in program.leaves], program.steps,
                   [w * jitter(np.shape(w)) for w in program.weights],
                   [u * jitter(np.shape(u)) for u in program.directions],
                   output_scales=[jitter(shape) for shape in value_shapes])


def rounding_noise(program, answer, theirs, ours):
    """How far each engine's own answer moves when 4-ulp rounding errors are put into the
    program (four times, see `nudged`; two draws can miss the term that cancels): the
    rounding noise of this quantity, elementwise, the larger of the two engines'; inf where an
    answer turns infinite or NaN (an ill-conditioned point). `answer(program, backend)`
    recomputes the quantity (`theirs` with TORCH, `ours` with OURS); None when it cannot be
    recomputed.

    A difference within ten times this noise is rounding, not a wrong formula: two engines
    that group the same float64 sums differently (1/x - x/x^2 with terms of 1e10 that cancel)
    disagree by as much, however right both are, and the rounding left in one of them moves as
    much as it is when the inputs move by ulps. A wrong formula, or precision lost for good (a
    sigmoid of 0 at -40), is off by far more than it moves."""
    rng = np.random.default_rng(0)
    moves = []
    for sign in (1, -1, 1, -1):
        program_with_errors = nudged(program, sign, rng)
        for backend, reference in ((TORCH, theirs), (OURS, ours)):
            result, error = attempt(lambda: answer(program_with_errors, backend))
            if error is not None or result is None or np.shape(result) != reference.shape:
                return None
            with np.errstate(invalid="ignore"):
                move = np.abs(result - reference)
            moves.append(np.where(np.isfinite(move), move, np.inf))
    return np.max(moves, axis=0)


def assert_agree(program, ours, theirs, what, tolerance, derivative, answer):
    """`ours` (a numpy array or a Tensor) agrees with `theirs` (a torch tensor), up to the
    tolerance and, when that is not enough, ten times the rounding noise (see rounding_noise;
    `answer(program, backend)` recomputes either). Returns True when only the rounding noise
    made them agree."""
    ours, theirs = OURS.array(ours), TORCH.array(theirs)
    problem = disagreement(ours, theirs, tolerance, derivative)
    if problem is None:
        return False
    noise = rounding_noise(program, answer, theirs, ours)
    if noise is not None and disagreement(ours, theirs, tolerance, derivative, 10 * noise) is None:
        return True
    raise AssertionError(f"{what}: {problem}")


def attempt(action):
    """(result, None) or (None, the exception it raised)."""
    try:
        return action(), None
    except Exception as error:  # noqa: BLE001 (the caller compares it with torch's)
        return None, error


def assert_same_failure(ours_error, torch_error, what):
    """Ours raises a standard error exactly where torch raises, and nowhere else."""
    if torch_error is None:
        assert ours_error is None, f"{what}: ours raises {ours_error!r}; torch gives a result"
        return
    assert ours_error is not None, f"{what}: torch raises {torch_error!r}; ours gives a result"
    allowed = STANDARD_ERRORS + ((IndexError,) if isinstance(torch_error, IndexError) else ())
    assert isinstance(ours_error, allowed), (
        f"{what}: ours raises {ours_error!r}, not a standard error type; torch {torch_error!r}")


