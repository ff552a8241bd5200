"""Diagrams of computation graphs: `draw(*roots)` builds one, `render` writes it to a file.

    import autograd as ag
    from autograd.viz import render
    diagram = ag.draw(cost, show_data=True, show_grad=True)
    diagram                                  # shows inline in Jupyter
    render(diagram, "cost.svg")              # or .png / .pdf
"""
from .diagram import KIND_STYLES, draw
from .render import render

__all__ = ["KIND_STYLES", "draw", "render"]
