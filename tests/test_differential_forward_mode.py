"""Differential test of forward mode and the functional API against PyTorch (float64): the
random programs of tests/programs.py, every leaf a dual tensor carrying a direction, give the
same tangent at every step as torch.autograd.forward_ad, and autograd.functional's vjp, jvp
and hvp of a program's weighted loss equal torch.autograd.functional's.

- Each op alone, on the values it met in the program (edge values, NaN and -0. included),
  must agree to the one-op tolerance of test_differential_torch.py; an op that adds up many
  terms (agreement.ADDING_OPS) only on finite values, as the order of the additions decides
  between inf and NaN where infinite terms meet.
- Whole programs are compared where every value is finite, to the whole-program tolerance,
  up to the first tangent that is not finite: with infinities about, the order in which the
  engines add infinite terms decides between inf and NaN (test_differential_torch.py's
  docstring). The functional API's results are
  compared where both are finite: torch computes jvp and hvp by the double-backward trick,
  so whether a NaN or infinite term of a derivative reaches a sum depends on that path
  (x ** x at 0: torch's hvp is finite, ours NaN, and so is each engine's second derivative).
  Nor is hvp compared where a tensor power meets an exponent of 0: both engines mask
  d(a^b)/da to 0 there but not d(a^b)/db, so the Hessian is not symmetric, and H v (ours)
  differs from torch's double-backward H^T v.

Steered around, as the deliberate differences of README's table, each named by a test
(test_autograd_jvp_*.py): ours gives the derivative our backward (and torch's) gives, where
torch's forward formula gives another: the max/min family meeting a NaN (maximum(NaN, 1)
passes both tangents on; torch's forward AD only the second's), atan2 at (0, 0) (ours 0, torch NaN),
hardsigmoid's slope (torch's is float32's 1/6), means and sums over nothing (mean,
logsumexp, the losses' mean: ours 0, as the directional derivative of backward; torch NaN), prod,
cumprod, norm(0.5) and lerp meeting an infinity or NaN (lerp's infinite terms add up in another order:
torch's forward AD inf where the directional derivative by either engine's backward is NaN).
An op that torch has no forward-mode formula for (it raises NotImplementedError) is skipped.

How many programs: the hypothesis profile's max_examples (200 in the "full" profile);
CHAINRULE_DIFF_EXAMPLES=5000 for a long local run.
"""
import os

import numpy as np
import torch
import torch.autograd.forward_ad as torch_forward_ad
from hypothesis import assume, given, settings

import autograd as ag
from agreement import ADDING_OPS, disagreement, one_op_tolerance, whole_program_tolerance
from autograd import forward_ad, functional
from program_strategies import programs
from programs import OPS, OURS, TORCH, run, weighted_loss

torch.set_num_threads(1)

EXAMPLES = int(os.environ.get("CHAINRULE_DIFF_EXAMPLES", 0)) or settings.default.max_examples

STEERED_AROUND = {"atan2", "hardsigmoid"}
EXTREMES = {"max", "min", "max_all", "min_all", "max_dim", "min_dim", "cummax", "cummin",
            "maximum", "minimum"}


def deliberate_difference(step, inputs):
    """Step `step` meets one of the deliberate differences of the module docstring."""
    x = inputs[0]
    return ((step.op in {"mean", "logsumexp"} | ADDING_OPS and x.size == 0)
            or (step.op in {"prod", "cumprod", "norm", "lerp"} | ADDING_OPS
                and not all(np.isfinite(a).all() for a in inputs))
            or (step.op in EXTREMES and any(np.isnan(a).any() for a in inputs)))


def dual_backends(directions):
    """OURS and TORCH whose leaves are dual tensors carrying `directions` (one per leaf)."""
    ours, theirs = iter(directions), iter(directions)
    return (
        OURS._replace(leaf=lambda a: forward_ad.make_dual(
            ag.Tensor(a.copy(), requires_grad=True), ag.Tensor(next(ours).copy()))),
        TORCH._replace(leaf=lambda a: torch_forward_ad.make_dual(
            torch.tensor(a, requires_grad=True), torch.tensor(next(theirs)))),
    )


def tangents(program):
    """(our tangents, torch's), one per value (None where a value carries none), or None
    when torch has no forward-mode formula for some step."""
    ours_backend, torch_backend = dual_backends(program.directions)
    # torch's results made under no_grad() keep their tangents (forward mode ignores grad
    # mode) as ours do; the plain runs detach them for another reason (TORCH's docstring).
    torch_backend = torch_backend._replace(made_without_grad=lambda value: value)
    with forward_ad.dual_level():
        ours = run(program, ours_backend)
        mine = [forward_ad.unpack_dual(value).tangent for value in ours.values]
    with torch_forward_ad.dual_level():
        theirs = run(program, torch_backend)
        if isinstance(theirs.error, NotImplementedError):
            return None
        reference = [torch_forward_ad.unpack_dual(value).tangent for value in theirs.values]
    return mine, reference


def compare_tangents(program, tolerance, what, stop_at_infinite=False):
    """Every value's tangent agrees with torch's; with `stop_at_infinite` (whole programs)
    only up to the first tangent that is infinite or NaN in either engine: past it, how the
    engines add infinite terms decides (the module docstring)."""
    result = tangents(program)
    assume(result is not None)
    mine, reference = result
    for k, (tangent, expected) in enumerate(zip(mine, reference)):
        if expected is None or expected._is_zerotensor():
            assert tangent is None or not np.any(tangent.data), f"{what}: value {k} has a tangent"
            continue
        assert tangent is not None, f"{what}: value {k} has no tangent, torch's has one"
        theirs = TORCH.array(expected)
        difference = disagreement(tangent.data, theirs, tolerance, derivative=True)
        assert difference is None, f"{what}: the tangent of value {k}: {difference}\n{program!r}"
        if stop_at_infinite and not (np.isfinite(tangent.data).all()
                                     and np.isfinite(theirs).all()):
            return


def all_finite(run_result):
    return all(np.isfinite(OURS.array(value)).all() for value in run_result.values)


def masked_power(program, values):
    """Some tensor power a ** b meets b = 0 (see the module docstring)."""
    return any(step.op in {"pow", "pow_method"} and len(step.args) > 1
               and step.args[1] < len(values) and np.any(OURS.array(values[step.args[1]]) == 0)
               for step in program.steps)


def check_functional(program, ours):
    """vjp, jvp and hvp of the weighted loss as a function of the leaves, both engines."""
    leaves = [np.array(leaf) for leaf in program.leaves]

    def loss_of(backend):
        def loss(*inputs):
            values = list(inputs)
            for step in program.steps:
                values.append(getattr(OPS[step.op], backend.name)(
                    *[values[i] for i in step.args], **step.params))
            return weighted_loss(program, backend, values)
        return loss

    assume(not any(step.no_grad for step in program.steps))
    ours_inputs = tuple(ag.Tensor(a) for a in leaves)
    torch_inputs = tuple(torch.tensor(a) for a in leaves)
    directions = tuple(program.directions)
    our_loss, torch_loss = loss_of(OURS), loss_of(TORCH)
    assume(weighted_loss(program, OURS, ours.values) is not None)
    pairs = {
        "vjp": (functional.vjp(our_loss, ours_inputs)[1],
                torch.autograd.functional.vjp(torch_loss, torch_inputs)[1]),
        "jvp": ([functional.jvp(our_loss, ours_inputs, tuple(ag.Tensor(d) for d in directions))[1]],
                [torch.autograd.functional.jvp(torch_loss, torch_inputs,
                                               tuple(torch.tensor(d) for d in directions))[1]]),
    }
    try:  # torch's double backward of conv_transpose with output_padding is refused by torch
        pairs["hvp"] = (
            functional.hvp(our_loss, ours_inputs, tuple(ag.Tensor(d) for d in directions))[1],
            torch.autograd.functional.hvp(torch_loss, torch_inputs,
                                          tuple(torch.tensor(d) for d in directions))[1])
    except RuntimeError as error:
        assert "output_padding" in str(error), error
    if masked_power(program, ours.values):
        del pairs["hvp"]
    for name, (mine, reference) in pairs.items():
        for k, (a, b) in enumerate(zip(mine, reference)):
            a, b = OURS.array(a), TORCH.array(b)
            if not (np.isfinite(a).all() and np.isfinite(b).all()):
                continue  # where a derivative is NaN or infinite, the path decides (docstring)
            difference = disagreement(a, b, whole_program_tolerance, derivative=True)
            assert difference is None, f"functional.{name}, input {k}: {difference}\n{program!r}"


@settings(max_examples=EXAMPLES)
@given(program=programs())
def test_forward_mode_and_the_functional_api_agree_with_torch(program):
    assume(not any(step.op in STEERED_AROUND for step in program.steps))
    plain = run(program, OURS)
    values = [OURS.array(value) for value in plain.values]
    for k in range(len(plain.values) - len(program.leaves)):
        alone = program.step_alone(k, values)
        if deliberate_difference(alone.steps[0], alone.leaves):
            continue
        compare_tangents(alone, one_op_tolerance(alone.steps[0].op, alone.leaves),
                         f"step {k} ({program.steps[k].op}) alone")
    if plain.error is None and all_finite(plain):
        compare_tangents(program, whole_program_tolerance, "the whole program",
                         stop_at_infinite=True)
        check_functional(program, plain)
