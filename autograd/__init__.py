"""autograd: reverse-mode automatic differentiation on numpy."""
