"""Benchmarks: chainrule against the hand-written numpy floor (nn.reference) and PyTorch.

Run `python -m bench` (or `./dev.sh bench`). Every figure is a median over runs made in one
process, alternating the contenders, and every target is a ratio between figures of the same
run, so a busy or slow machine moves both sides alike.
"""
