"""The local derivative of each op, as the viewer writes it in the seeds' notation.

`local_derivatives(node, names)` gives one text per input of the node: the factor the chain
rule multiplies the output's gradient by (for an elementwise op) or the formula that maps it
(for a matrix op). `names` holds the names of the node's inputs and of its output. Ops missing
from the table show the first line of their docstring, where every op states its derivative.
"""

# op class name -> one template per input; {x0}, {x1}, {x2} name the inputs, {y} the output,
# {node} is the node (for options such as the exponent).
LOCAL_DERIVATIVES = {
    "Add": ("1", "1"),
    "Sub": ("1", "-1"),
    "Mul": ("{x1}", "{x0}"),
    "Div": ("1/{x1}", "-{x0}/{x1}^2"),
    "Neg": ("-1",),
    "PowScalar": ("{node.exponent:g} {x0}^({node.exponent:g} - 1)",),
    "Pow": ("{x1} {x0}^({x1} - 1)", "{y} ln {x0}"),
    "Exp": ("e^{x0} = {y}",),
    "Log": ("1/{x0}",),
    "Sqrt": ("1/(2 {y})",),
    "Abs": ("sign({x0})",),
    "Sigmoid": ("sigma'({x0}) = {y} (1 - {y})",),
    "Tanh": ("1 - {y}^2",),
    "ReLU": ("1 where {x0} > 0, else 0",),
    "Sum": ("1 for every summed element",),
    "Mean": ("1/N for every averaged element",),
    "MatMul": ("dC/d{y} {x1}^T", "{x0}^T dC/d{y}"),
    "Linear": ("(dC/d{y}) {x1}, the seeds' (W^T delta)", "(dC/d{y})^T {x0}, the seeds' delta a^T",
               "dC/d{y} summed over the mini-batch, the seeds' delta"),
    "SquaredError": ("2 s ({x0} - {x1}), s = {node.scale:.4g}",
                     "-2 s ({x0} - {x1}), s = {node.scale:.4g}"),
}

# Ops whose local derivative multiplies the output's gradient element by element.
ELEMENTWISE = {"Add", "Sub", "Mul", "Div", "Neg", "PowScalar", "Pow", "Exp", "Log", "Sqrt",
               "Abs", "Sigmoid", "Tanh", "ReLU", "Clip", "Sign"}


def local_derivatives(node, input_names, output_name):
    """One local-derivative text per input of `node`."""
    templates = LOCAL_DERIVATIVES.get(type(node).__name__)
    if templates is None or len(templates) < len(node.inputs):
        doc = (type(node).__doc__ or "").strip().split("\n")[0]
        return tuple([doc or f"the backward of {node.name}"] * len(node.inputs))
    names = {f"x{i}": name for i, name in enumerate(input_names)}
    return tuple(template.format(node=node, y=output_name, **names)
                 for template in templates[:len(node.inputs)])


def is_elementwise(node):
    return type(node).__name__ in ELEMENTWISE
