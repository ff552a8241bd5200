"""Differential tests against PyTorch (float64, CPU): random programs (tests/programs.py) give
the same values, shapes, dtypes and requires_grad flags at every step, the same errors, the
same leaf gradients and the same Hessian-vector products in our engine and in torch; and the
backward semantics PyTorch users rely on (accumulation, retain_graph, retain_grad,
allow_unused, explicit gradients, create_graph) behave the same.

How many programs: the hypothesis profile's max_examples times 1.5 (300 in the "full" profile,
which keeps this file under a minute); CHAINRULE_DIFF_EXAMPLES=20000 for a long local run.

Agreement: NaN matches NaN and an infinity matches the same infinity; NaN never matches a
number; finite numbers match when |ours - torch| <= rtol |torch| + atol. Two tolerances:
- Whole programs: rtol 1e-7, atol 1e-10 times the largest finite magnitude in torch's array
  (at least 1). The engines evaluate the same formulas in float64, but not always in the same
  order (summation orders differ, sigmoid and log_softmax are written differently), so each op
  may differ in its last bits, and cancellation later in a 25-op program can grow that into an
  absolute error of a few ulps of the largest terms involved. 1e-7 leaves 8 orders of
  magnitude above float64's 2.2e-16 for that; a wrong formula is off by far more.
- Each op on its own: every step is run again as a one-op program over the values it met in
  ours (so earlier rounding can neither hide nor fake a difference), and must agree to rtol
  1e-12 with no absolute slack for values: this is what catches lost precision (a sigmoid
  that is 0 at -40 instead of 4.2e-18). Ops that add many numbers (sum, mean, matmul,
  softmax, log_softmax) may differ by 1e-12 of the largest magnitudes they combine, and
  derivatives by 1e-12 absolute besides (one computed from a saturated output, as tanh's
  1 - y^2, keeps no relative precision).
Differences smaller than the smallest normal float64 (2.2e-308) never count: subnormal numbers
keep fewer digits, and torch's sigmoid is 0 below -708 where ours keeps the subnormal e^x.
A finite difference beyond these tolerances is still accepted when it is within ten times the
rounding noise: how far either engine's own answer moves when rounding errors of 4 ulps are
put into the leaves and into every element of every step's result and of the loss weights.
Where terms of 1e10 cancel to a result near 0, both engines are right and differ by ~1e-6 (or
a sum adds 1.25e17, -1.25e17 and 10 in another order: 10 or 0); a wrong formula, or precision
lost for good, is off by far more than such errors move anything. (These errors can break a
tie between two elements in a later max, so a whole program's gradients at ties are only as
strict as that; each op alone still checks ties exactly.) A forward value accepted only so
makes the program ill-conditioned, and the rest of it is skipped (`assume`): what is computed
from it may differ without bound.

Deliberate differences from torch (README's table), which the programs steer around:
- `clip(lo, hi)` with lo > hi raises ValueError (torch returns hi everywhere): never drawn.
- sigmoid below -709 keeps its tiny exact value (torch's is 0): the edge values stop at -700,
  and differences below the smallest normal number do not count (see above).
- `number / x` divides (torch computes `x.reciprocal() * number`, NaN for a subnormal x): the
  torch side divides a 0-d tensor by x instead.
- A view (reshape, permute, indexing) made under no_grad() of a tensor that requires grad has
  requires_grad=False, as every result made there; torch's says True (a leaf of its own). The
  torch side of the programs detaches results made under no_grad().
- Slices with a negative step work as in numpy (torch refuses them): never drawn.
- The derivatives of `x ** p` (p a Python number, not whole) at x = -0. or -inf are IEEE
  pow's, as numpy's (0, +inf; torch: NaN, -inf): a program where such a power meets such an
  x is skipped (`assume`).
- When a relu or an abs meets an infinity or NaN, torch's double backward sends an explicit
  0 (relu's mask, abs' sign) on, and 0 times that value is NaN; ours sends nothing for a
  derivative that is identically 0. Its Hessian-vector product can be NaN where ours is the
  exact value or the limit (relu(-log x) at x = 0: torch NaN, ours +inf; relu(x * y) at
  x = inf, y = 2: torch [1, NaN], ours [1, 1]; abs(abs(x @ x)) at x = NaN: torch NaN, ours
  0). A whole program's Hessian-vector product that differs only as torch's NaN, after a
  relu or abs met a non-finite value, skips the program (`assume`); so do the other ops whose
  derivative is piecewise constant somewhere (agreement.ZERO_SECOND_DERIVATIVE_OPS: torch's
  leaky_relu, hardtanh, elu, ... send explicit zeros too), also where such an op received a
  non-finite gradient (the leaf's gradient in torch is not finite there).
The first two are tested in test_deliberate_differences_from_torch.py, the next three in
test_torch_semantics.py.

Floating-point outcomes that depend on the order of operations, where neither engine is
wrong; a program that meets one is skipped (`assume`):
- The sign of a zero that a sum makes (sum, mean, matmul, softmax, or a max/min among +-0)
  depends on the order of additions and on fused multiply-adds (BLAS starts its accumulator at
  +0.); a later 1/x or sqrt turns the two zeros into opposite infinities. Likewise a sum,
  mean or matmul whose partial sums overflow meets an opposite infinity (NaN) or not (inf).
- Where the gradient of a whole program is infinite or NaN, its second derivative adds
  infinite terms, and whether they give an infinity or NaN depends on the order of the
  additions (sigmoid(sqrt x) at x = 0 under the loss's weights: torch +inf, ours NaN). Only a
  Hessian-vector product that differs only there, only as NaN against an infinity, is
  skipped; each op alone must still agree there.
- A product (prod) with a factor x_k a million times smaller than its largest: its second
  derivative, by torch's formula grad * (p / x) in both engines, cancels terms about
  max|x| / |x_k| times larger than itself, and both lose that many digits (x = [1, 2e-292]
  with a lerp of x beside it: ours -154,612, torch -156,461, both far from the true value;
  x_k = 1.2e-38 among ones: ours 3.2, torch 0.39). A whole program whose Hessian-vector
  product is taken through such a prod is skipped; each op alone must still agree.
"""
import os

import numpy as np
import torch
from hypothesis import assume, given, settings

from agreement import (ADDING_OPS, ZERO_SECOND_DERIVATIVE_OPS, assert_agree, assert_same_failure, attempt, differing_elements,
                       disagreement, one_op_tolerance, whole_program_tolerance)
from program_strategies import programs
from programs import OURS, TORCH, Program, run, weighted_loss

torch.set_num_threads(1)  # tiny tensors; the machine's cores are shared

EXAMPLES = int(os.environ.get("CHAINRULE_DIFF_EXAMPLES", 0)) or (
    settings.default.max_examples * 3 // 2)



# -- what a program may meet that the test skips (see the module docstring) -------------------


def product_with_a_tiny_factor(program, values):
    """Some prod step meets a non-zero factor a million times smaller than its largest finite
    one: its second derivative cancels large terms in both engines (module docstring)."""
    for step in program.steps:
        if step.op == "prod" and step.args[0] < len(values):
            x = np.abs(values[step.args[0]])
            finite = x[np.isfinite(x)]
            largest = finite.max() if finite.size else 0.0
            if np.any((x > 0) & (x < 1e-6 * largest)):
                return True
    return False


def fractional_power_of_minus_zero_or_minus_infinity(program, values):
    """Some step computes `x ** p` (p a Python number, not a whole one) with -0. or -inf in x.
    Its derivatives there are IEEE pow's, as numpy's (0, +inf); torch's are NaN, -inf."""
    for step in program.steps:
        if step.op == "pow_number":
            exponent = step.params["exponent"]
        elif step.op == "number" and step.params["symbol"] == "**" and not step.params[
                "number_first"]:
            exponent = step.params["number"]
        else:
            continue
        if step.args[0] >= len(values) or float(exponent).is_integer():
            continue
        x = values[step.args[0]]
        if np.any(np.isneginf(x) | ((x == 0) & np.signbit(x))):
            return True
    return False


def sum_that_depends_on_its_order(program, ours, theirs):
    """At some element, a sum gives zeros of different signs in the two engines (sum, mean,
    matmul, softmax, log_softmax, or a max/min among +-0), or an infinity in one and NaN in
    the other (sum, mean, matmul). The sign of a zero that a sum makes depends on where the
    accumulator starts and on fused multiply-adds (BLAS starts at +0., so -0. + -0. is +0.
    there), and a later 1/x or sqrt turns the two zeros into opposite infinities; partial sums
    that overflow meet an opposite infinity (NaN) or not (inf) depending on the order."""
    leaves = len(program.leaves)
    for k, step in enumerate(program.steps[:min(len(ours), len(theirs)) - leaves]):
        if step.op not in ADDING_OPS | {"max", "min"}:
            continue
        mine, reference = OURS.array(ours[leaves + k]), TORCH.array(theirs[leaves + k])
        if mine.shape != reference.shape:
            continue
        zeros_of_other_signs = (mine == 0) & (reference == 0) & (
            np.signbit(mine) != np.signbit(reference))
        overflow_order = (np.isinf(mine) & np.isnan(reference)) | (
            np.isnan(mine) & np.isinf(reference))
        if zeros_of_other_signs.any() or (
                step.op in {"sum", "mean", "matmul"} and overflow_order.any()):
            return True
    return False


# -- the random programs -------------------------------------------------------------------------


def step_description(program, k):
    """"v5 = v3.relu()" for value k (a leaf: "x0 (a leaf)")."""
    names = program.names()
    if k < len(program.leaves):
        return f"{names[k]} (a leaf)"
    return f"{names[k]} = {program.steps[k - len(program.leaves)].text(names)}"


def check_forward(program, ours, theirs, tolerance):
    """Every value agrees (value, shape, dtype, requires_grad, is_leaf); errors at the same step."""
    for k, (mine, reference) in enumerate(zip(ours.values, theirs.values)):
        what = step_description(program, k)
        assert mine.requires_grad == reference.requires_grad, (
            f"{what}: requires_grad {mine.requires_grad}, torch {reference.requires_grad}")
        assert mine.is_leaf == reference.is_leaf, (
            f"{what}: is_leaf {mine.is_leaf}, torch {reference.is_leaf}")
        rounding = assert_agree(program, mine, reference, what, tolerance, derivative=False,
                                answer=lambda nudged, backend, k=k: backend.array(
                                    run(nudged, backend).values[k]))
        # Values that differ by rounding noise alone make an ill-conditioned program: what
        # is computed from them may differ without bound (exp of 10.6 against exp of 0).
        assume(not rounding)
    leaves = len(program.leaves)
    if ours.error is not None and (theirs.error is None or ours.failed_step < theirs.failed_step):
        what = step_description(program, leaves + ours.failed_step)
        raise AssertionError(f"{what}: ours raises {ours.error!r}; torch gives a result")
    if theirs.error is not None:
        what = step_description(program, leaves + theirs.failed_step)
        # The generator's invalid steps make torch raise RuntimeError or IndexError; a
        # TypeError means the programs call torch wrongly, which must not pass as agreement.
        assert not isinstance(theirs.error, TypeError), f"{what}: torch {theirs.error!r}"
        assert_same_failure(ours.error, theirs.error, what)


def check_each_op_alone(program, ours, theirs):
    """Every step that both engines computed, run again alone on the inputs it met in ours,
    agrees to the tight one-op tolerance in value, gradient and Hessian-vector product."""
    leaves = len(program.leaves)
    computed = min(len(ours.values), len(theirs.values)) - leaves
    values = [OURS.array(value) for value in ours.values]
    for k in range(computed):
        alone = program.step_alone(k, values)
        try:
            check_program(alone, op_alone=True)
        except AssertionError as error:
            raise AssertionError(
                f"{step_description(program, leaves + k)}, alone on the inputs it met: {error}"
                f"\n  that is, the program\n{alone!r}") from None


def locate_gradient_difference(program, tolerance):
    """Which value's gradient differs first, walking backward: run both engines again with
    retain_grad() on every recorded value, and name the latest value whose gradient differs
    together with the ops that read it (one of their backward formulas is wrong)."""
    grads = {}
    for backend in (OURS, TORCH):
        values = run(program, backend).values
        for value in values[len(program.leaves):]:
            if value.requires_grad:
                value.retain_grad()
        weighted_loss(program, backend, values).backward()
        grads[backend.name] = [value.grad for value in values]
    for k in reversed(range(len(grads["torch"]))):
        mine, reference = grads["ours"][k], grads["torch"][k]
        if (mine is None) != (reference is None) or (reference is not None and disagreement(
                OURS.array(mine), TORCH.array(reference), tolerance, True) is not None):
            readers = [step_description(program, len(program.leaves) + j)
                       for j, step in enumerate(program.steps) if k in step.args]
            return (f"the gradient first differs at {step_description(program, k)}, read by: "
                    + "; ".join(readers))
    return "every value's gradient agrees when all are retained"


def leaf_gradient(program, i, backend):
    """Leaf i's .grad after backward of the weighted loss, as a numpy array."""
    values = run(program, backend).values
    weighted_loss(program, backend, values).backward()
    return backend.array(values[i].grad)


def check_leaf_gradients(program, ours, theirs, tolerance):
    """backward() of the weighted loss leaves the same .grad on every leaf (None where torch
    has None), or fails where torch fails."""
    ours_loss = weighted_loss(program, OURS, ours.values)
    torch_loss = weighted_loss(program, TORCH, theirs.values)
    if torch_loss is None:
        return
    _, ours_error = attempt(ours_loss.backward)
    _, torch_error = attempt(torch_loss.backward)
    assert_same_failure(ours_error, torch_error, "loss.backward()")
    for i, (mine, reference) in enumerate(zip(ours.values, theirs.values[:len(program.leaves)])):
        if reference.grad is None:
            assert mine.grad is None, f"x{i}.grad is {mine.grad!r}; torch's is None"
            continue
        assert mine.grad is not None, f"x{i}.grad is None; torch's is {reference.grad!r}"
        try:
            assert_agree(program, mine.grad, reference.grad, f"x{i}.grad", tolerance,
                         derivative=True, answer=lambda nudged, backend, i=i: leaf_gradient(
                             nudged, i, backend))
        except AssertionError as error:
            raise AssertionError(f"{error}\n  {locate_gradient_difference(program, tolerance)}"
                                 ) from None


def hessian_vector_product(program, backend):
    """(first, second): the leaves' gradients from grad(loss, create_graph=True), then
    grad(sum_i <first_i, directions_i>); None for a leaf not reached. (None, None) when
    nothing requires grad. Raises what the engine raises."""
    values = run(program, backend).values
    leaves = values[:len(program.leaves)]
    loss = weighted_loss(program, backend, values)
    if loss is None:
        return None, None
    first = backend.grad(loss, leaves, create_graph=True, allow_unused=True)
    terms = [(g * backend.constant(u)).sum() for g, u in zip(first, program.directions)
             if g is not None and g.requires_grad]
    if not terms:
        return first, [None] * len(leaves)
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return first, backend.grad(total, leaves, allow_unused=True)


def second_derivative(program, i, backend):
    """Leaf i's part of the Hessian-vector product, as a numpy array (zeros for None)."""
    second = hessian_vector_product(program, backend)[1][i]
    return np.zeros(program.leaves[i].shape) if second is None else backend.array(second)


def only_order_of_infinite_terms(mine, reference, first_derivative, tolerance):
    """The Hessian-vector products differ only where the gradient is infinite or NaN, and
    there only as NaN against an infinity. At such a point the second derivative adds
    infinite terms (sigmoid(sqrt x) at x = 0, x @ exp(x) with an infinite x), and whether that
    gives an infinity or NaN depends on the order of the additions, which the engines need not
    share."""
    wrong = differing_elements(mine, reference, tolerance, derivative=True)
    nan_against_infinity = (np.isnan(reference) & np.isinf(mine)) | (
        np.isinf(reference) & np.isnan(mine))
    return wrong.any() and bool(
        np.all((nan_against_infinity & ~np.isfinite(first_derivative))[wrong]))


def torch_nan_after_zero_derivative_of_non_finite(mine, reference, tolerance, program, values,
                                                  first_derivative):
    """The Hessian-vector products differ only where torch's is NaN and ours is not, and some
    relu or abs (or another op of ZERO_SECOND_DERIVATIVE_OPS) met an infinity or NaN, in its
    input or, where torch's gradient of the leaf is not finite, in the gradient it received:
    torch's double backward of relu, and of abs through its sign, sends an explicit 0 on,
    which meets that value (relu(x * y) at x = inf, y = 2: torch's H v is [1, NaN], ours
    [1, 1], the exact value; abs(abs(x @ x)) at x = NaN: torch NaN, ours 0; elu's multiplies
    a NaN gradient by its 0 mask for x >= 0). Ours sends nothing for a derivative that is
    identically 0."""
    wrong = differing_elements(mine, reference, tolerance, derivative=True)
    steps = [step for step in program.steps if step.op in ZERO_SECOND_DERIVATIVE_OPS]
    met_input = any(step.args[0] < len(values) and not np.all(np.isfinite(values[step.args[0]]))
                    for step in steps)
    met_gradient = bool(steps) and bool(np.all(~np.isfinite(first_derivative)[wrong]))
    return (wrong.any() and bool(np.all((np.isnan(reference) & ~np.isnan(mine))[wrong]))
            and (met_input or met_gradient))


def check_hessian_vector_products(program, tolerance, whole_program, values):
    """The first derivatives under create_graph and the Hessian-vector product agree. A
    second derivative that one engine leaves unrecorded (None) counts as zero. In a whole
    program (not an op alone), the two outcomes of the module docstring that depend on
    torch's formulas or on the order of infinite terms skip it. `values`: ours' forward
    values as numpy arrays."""
    ours, ours_error = attempt(lambda: hessian_vector_product(program, OURS))
    theirs, torch_error = attempt(lambda: hessian_vector_product(program, TORCH))
    assert_same_failure(ours_error, torch_error, "grad(create_graph=True), then grad of <g, v>")
    if theirs is None or theirs[0] is None:
        return
    for i, (mine, reference) in enumerate(zip(ours[0], theirs[0])):
        what = f"grad(loss, x{i}, create_graph=True)"
        assert (mine is None) == (reference is None), (
            f"{what} is {mine!r}; torch's is {reference!r}")
        if reference is not None:
            assert_agree(program, mine, reference, what, tolerance, derivative=True,
                         answer=lambda nudged, backend, i=i: backend.array(
                             hessian_vector_product(nudged, backend)[0][i]))
    if whole_program:
        assume(not product_with_a_tiny_factor(program, values))
    for i, (mine, reference, leaf) in enumerate(zip(ours[1], theirs[1], program.leaves)):
        mine = np.zeros_like(leaf) if mine is None else OURS.array(mine)
        reference = np.zeros_like(leaf) if reference is None else TORCH.array(reference)
        if whole_program and theirs[0][i] is not None and mine.shape == reference.shape:
            assume(not only_order_of_infinite_terms(mine, reference, TORCH.array(theirs[0][i]),
                                                    tolerance))
            assume(not torch_nan_after_zero_derivative_of_non_finite(
                mine, reference, tolerance, program, values, TORCH.array(theirs[0][i])))
        assert_agree(program, mine, torch.from_numpy(reference),
                     f"Hessian-vector product, x{i}'s part", tolerance, derivative=True,
                     answer=lambda nudged, backend, i=i: second_derivative(nudged, i, backend))


def check_program(program: Program, op_alone=False):
    """The whole comparison of one program: first each op alone (unless this is one), then
    the whole. numpy's warnings about inf and NaN are silenced: such values are what the
    edges are for, and torch computes them without a word."""
    with np.errstate(all="ignore"):
        ours, theirs = run(program, OURS), run(program, TORCH)
        values = [OURS.array(value) for value in ours.values]
        assume(not fractional_power_of_minus_zero_or_minus_infinity(program, values))
        assume(not sum_that_depends_on_its_order(program, ours.values, theirs.values))
        if op_alone:
            tolerance = one_op_tolerance(program.steps[0].op, program.leaves)
        else:
            tolerance = whole_program_tolerance
            check_each_op_alone(program, ours, theirs)
        check_forward(program, ours, theirs, tolerance)
        check_leaf_gradients(program, ours, theirs, tolerance)
        check_hessian_vector_products(program, tolerance, not op_alone, values)


@settings(max_examples=EXAMPLES)
@given(program=programs())
def test_random_programs_agree_with_torch_op_by_op_and_as_a_whole(program):
    check_program(program)
