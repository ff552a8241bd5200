"""Capture and replay: `autograd.compile(step)` runs a training step as straight-line numpy.

    @autograd.compile
    def train_step(x, y):
        loss = nn.quadratic_cost(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    for x, y in batches:
        loss = train_step(Tensor(x), y)     # loss.item() after the call
    print(train_step.program)               # the captured step, one line per op body

The first two calls of each kind (argument shapes and dtypes, grad mode, parameters) run
eagerly while a recorder watches every op's forward, every backward the engine runs and the
optimizer's update (`autograd.run_update`); later calls replay those bodies on numpy arrays, in
the same order, with no Tensor, graph or engine: the same numpy calls, so the same numbers.
What cannot be replayed faithfully (a value read in Python during the step, a custom Function
not marked `replayable`, values made outside the ops, changing control flow) makes the step run
eagerly, with one `CaptureWarning` that says why. A replay gives each op the same ctx object
call after call (one set per running thread), so a `replayable` forward sets every attribute of
ctx that its backward reads, as the built-in ops do; an op's `forward_for_backward` (optional:
forward without the output, e.g. SquaredError's) runs instead of forward where nobody reads
the output.

The package is `capture` (not `compile`) so that the function `autograd.compile` does not hide
it: recorder.py watches, build.py checks two recordings and builds, program.py holds the
instructions, source.py writes them out as the one Python function a replay runs
(`train_step.programs[-1].source`), compiled.py decides per call.
"""
from .compiled import CaptureWarning, CompiledStep


def compile(step=None, *, recordings=4):
    """`step` captured: a CompiledStep, called as `step` itself (also as a decorator, with or
    without `recordings=`, the number of kinds of call kept). Its results are Tensors that do not
    require grad (read them with `.item()` after the call)."""
    if step is None:
        return lambda function: CompiledStep(function, recordings)
    return CompiledStep(step, recordings)


__all__ = ["CaptureWarning", "CompiledStep", "compile"]
