"""Every built-in op: one Function subclass each, forward and backward side by side."""
from .arithmetic import Add, Div, Mul, Neg, Pow, PowScalar, Sub
from .cast import Cast, promoted, to_dtype
from .elementwise import Abs, Clip, Exp, Log, ReLU, Sigmoid, Sign, Sqrt, Tanh, ZerosLike
from .indexing import GetItem, IndexAdd, plain_index
from .joining import Concatenate, Stack, Where, concatenate, stack, where
from .matmul import Linear, MatMul
from .reductions import Max, Mean, Min, Sum
from .shape import BroadcastTo, Reshape, Transpose
from .shapes import axis_index
from .softmax import LogSoftmax, Softmax
from .squared_error import SquaredError

__all__ = [
    "Abs", "Add", "BroadcastTo", "Cast", "Clip", "Concatenate", "Div", "Exp", "GetItem", "IndexAdd",
    "Linear", "Log", "LogSoftmax", "MatMul", "Max", "Mean", "Min", "Mul", "Neg", "Pow",
    "PowScalar", "ReLU", "Reshape", "Sigmoid", "Sign", "Softmax", "Sqrt", "SquaredError", "Stack", "Sub",
    "Sum",
    "Tanh", "Transpose", "Where", "ZerosLike", "axis_index", "concatenate", "plain_index", "promoted", "stack", "to_dtype",
    "where",
]
