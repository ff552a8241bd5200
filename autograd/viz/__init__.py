"""Diagrams of computation graphs: `draw(*roots)` builds one, `render` writes it to a file.

    import autograd as ag
    from autograd.viz import render
    diagram = ag.draw(cost, show_data=True, show_grad=True)
    diagram                                  # shows inline in Jupyter
    render(diagram, "cost.svg")              # or .png / .pdf

    trace = trace_backward(cost)             # run backward, recording every step
    trace                                    # the step-through viewer, inline in Jupyter
    trace.save_html("backward.html")         # the same viewer as one page; .save_gif(...)
"""
from .diagram import KIND_STYLES, draw
from .render import render
from .trace import Trace, trace_backward

__all__ = ["KIND_STYLES", "Trace", "draw", "render", "trace_backward"]
