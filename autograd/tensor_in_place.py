"""The Tensor methods that change data in place, and the version counters that let backward
catch a change to a value it saved (`version.py`). Tensor inherits them."""
import numpy as np

from .grad_mode import is_grad_enabled
from .version import VersionCounter, changes, clock


def _plain(value):
    """A Tensor's array, or the value itself."""
    from .tensor import Tensor
    return value.data if isinstance(value, Tensor) else value


class InPlaceMethods:
    __slots__ = ()

    # -- versions: in-place changes after recording are caught in backward -----------------

    def _counter(self):
        """This tensor's version counter, made on first need. A recorded op's output links it
        to its node, which checks it if it saved the output."""
        counter = self._version_counter
        if counter is None:
            counter = self._version_counter = VersionCounter()
            if self.grad_fn is not None:
                self.grad_fn.output_version = counter
        return counter

    @property
    def _version(self):
        """How many times the data was changed in place (as PyTorch's `t._version`)."""
        return 0 if self._version_counter is None else self._version_counter.count

    def mark_changed(self):
        """Say that `data` was changed in place by code outside autograd (an optimizer's
        update): a backward through a node that saved this tensor before then raises, instead
        of using the new values."""
        counter = self._version_counter or self._counter()
        counter.count += 1
        counter.stamp = changes.latest = next(clock)

    # -- in-place updates: plain numpy, never recorded --------------------------------------

    def _check_in_place(self, what):
        if not (self.requires_grad and is_grad_enabled()):
            return
        if self.grad_fn is not None:  # under no_grad the graph would not see the change
            raise RuntimeError(
                f"{what} on a recorded result would not be part of its gradient; build a new "
                f"tensor instead, e.g. t = autograd.where(mask, value, t)"
            )
        raise RuntimeError(
            f"{what} on a tensor that requires grad would change values the recorded "
            f"graph may still need; do it under autograd.no_grad() (as optimizers do), "
            f"or compute a new tensor (t = t - x)"
        )

    def _update_in_place(self, other, ufunc, out_of_place, symbol):
        """`t op= x`. On a recorded result (non-leaf) it is `t = t op x`: a new node, so the
        graph stays right. Otherwise the data changes in place, which a leaf that requires
        grad allows only under no_grad() (how a hand-written update step works)."""
        if self.grad_fn is not None and is_grad_enabled():
            return out_of_place(other)
        self._check_in_place(f"in-place '{symbol}'")
        ufunc(self.data, _plain(other), out=self.data)
        self.mark_changed()
        return self

    def __iadd__(self, other):
        return self._update_in_place(other, np.add, self.__add__, "+=")

    def __isub__(self, other):
        return self._update_in_place(other, np.subtract, self.__sub__, "-=")

    def __imul__(self, other):
        return self._update_in_place(other, np.multiply, self.__mul__, "*=")

    def __itruediv__(self, other):
        return self._update_in_place(other, np.divide, self.__truediv__, "/=")

    def __setitem__(self, index, value):
        """t[index] = value changes the data in place. While recording, on a result in the graph
        (or with a value that requires grad) the assignment is recorded too (`_record_index_put`);
        on a leaf that requires grad it is allowed only under no_grad(), as `+=`."""
        from .ops.indexing import plain_index
        index = plain_index(index)
        if is_grad_enabled() and (self.grad_fn is not None or (
                getattr(value, "requires_grad", False) and not self.requires_grad)):
            self._record_index_put(index, value)
            return
        self._check_in_place("item assignment")
        if self._carried_tangent() is not None or (
                hasattr(value, "_carried_tangent") and value._carried_tangent() is not None):
            self._record_index_put(index, value)  # forward mode: IndexPut's jvp, no node
            return
        self.data[index] = _plain(value)
        self.mark_changed()

    def _record_index_put(self, index, value):
        """As torch's index_put_: the data changes in place, and this tensor's node becomes an
        IndexPut node whose input is the tensor as it was (its old node). A node that saved the
        old values (exp saves its result) then refuses to run backward (the version counter).
        In forward mode the tangent changes with the data (IndexPut's jvp)."""
        from .ops.indexing import IndexPut
        from .tensor import Tensor
        before = Tensor._wrap(self.data, self.requires_grad, self.grad_fn)
        before._tangent = self._carried_tangent()
        after = IndexPut.apply(before, value, index=index)
        self.mark_changed()  # (links the old node to this tensor's counter first, if unlinked)
        if after.grad_fn is not None:  # not when only a tangent brought it here
            self.grad_fn, self.requires_grad = after.grad_fn, after.requires_grad
        self._tangent = after._carried_tangent()

    def replace_in_place(self, function, what):
        """self = function(self) with this tensor object and its data array kept, as PyTorch's
        relu_() or F.relu(x, inplace=True): views and other references see the new values.

        `function` takes a Tensor and returns one of the same shape and dtype; `what` names the
        operation in errors. While recording, on a result in the graph, `function` is applied
        to a stand-in for the tensor as it was (holding a copy of the data, so that what the op
        saves is not overwritten) and this tensor's node becomes the node of the result. A
        leaf that requires grad may change only under no_grad(), as for `+=`. Nodes that saved
        the old values raise in backward (the version counter), as in PyTorch.
        """
        from .tensor import Tensor
        recording = self.grad_fn is not None and is_grad_enabled()
        if not recording:
            self._check_in_place(what)
        data = self.data.copy() if recording else self.data
        before = Tensor._wrap(data, self.requires_grad, self.grad_fn)
        before._tangent = self._carried_tangent()
        after = function(before)
        if after.shape != self.shape or after.dtype != self.dtype:
            raise RuntimeError(
                f"{what}: the result (shape {after.shape}, dtype {after.dtype}) cannot be "
                f"written into the input (shape {self.shape}, dtype {self.dtype})")
        self.mark_changed()  # (links the old node to this tensor's counter first, if unlinked)
        self.data[...] = after.data
        if recording:
            self.grad_fn, self.requires_grad = after.grad_fn, after.requires_grad
        self._tangent = after._carried_tangent()
        return self
