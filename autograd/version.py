"""Version counters: catch a value changed in place after the graph saved it for backward.

Every recorded node takes a stamp from one clock (`node.sequence`), and so does every in-place
change of a tensor's data (`t -= x` under no_grad, `t[i] = v`, an optimizer's step, which calls
`t.mark_changed()`). A node's saved input was changed after the node recorded it exactly when
the input's last change has a later stamp than the node (`Tensor.mark_changed` takes the
stamps). `changes.latest` is the stamp of the
newest change anywhere: a node recorded after it (the usual case in a training loop, where the
optimizer steps between backward and the next forward) needs no check at all, so the check
costs one comparison per node on the hot path.

A tensor and its `detach()`ed copies share one counter, as they share their data.
"""
import itertools

clock = itertools.count()  # stamps for nodes (their `sequence`) and for in-place changes


class _Changes:
    """The stamp of the newest in-place change in the process (-1: none yet). An instance
    attribute: writing a class attribute would make Python re-specialize every read of it."""

    __slots__ = ("latest",)

    def __init__(self):
        self.latest = -1


changes = _Changes()


class VersionCounter:
    """How often a tensor's data was changed in place (`count`), and when last (`stamp`)."""

    __slots__ = ("count", "stamp")

    def __init__(self):
        self.count = 0
        self.stamp = -1
