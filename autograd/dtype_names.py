"""The dtypes by name, as `torch.float32` and its aliases: `autograd.float32` is numpy's
float32, so `t.dtype == autograd.float32` and `zeros(2, dtype=autograd.long)` both work.

PyTorch's short names keep PyTorch's meaning: `autograd.float` is float32 (numpy's `float`
string means float64), `autograd.int` is int32, `autograd.long` int64, `autograd.half`
float16, `autograd.double` float64. (This module holds only these names: `float`, `int`
and `bool` here are dtypes, not Python's built-ins.)
"""
import numpy as np

float16 = half = np.float16
float32 = float = np.float32
float64 = double = np.float64
int8 = np.int8
int16 = short = np.int16
int32 = int = np.int32
int64 = long = np.int64
uint8 = np.uint8
bool = np.bool_
