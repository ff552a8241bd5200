"""The README's convolutional network runs as printed and learns the digits."""
import re
from pathlib import Path

import numpy as np

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_block(heading):
    """The first python block after `heading` in the README."""
    text = README.read_text()
    section = text[text.index(heading):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_convolutional_network_of_the_readme_learns_the_digits():
    namespace = {}
    exec(compile(readme_block("## Your own network"), "README.md", "exec"), namespace)
    model, digits = namespace["model"], namespace["digits"]
    to_images, scale_pixels = namespace["to_images"], namespace["scale_pixels"]
    model.eval()
    predictions = model(to_images(scale_pixels(digits.x_test))).argmax(1).numpy()
    assert np.mean(predictions == digits.y_test) > 0.9
