"""Hypothesis profiles: "dev" (the default, quick) and "ci" (HYPOTHESIS_PROFILE=ci, set by .ci/run).

No per-example deadline: a gradient check's time depends on the drawn shape, and the 2-core
machine is shared. The suite's size is kept by max_examples instead.
"""
import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("dev", max_examples=20, **_COMMON)
settings.register_profile("ci", max_examples=40, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
