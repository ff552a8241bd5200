"""Hypothesis profiles: "full" (the default, what `./dev.sh test` and CI run) and "quick"
(HYPOTHESIS_PROFILE=quick, for fast iteration while developing).

No per-example deadline: a gradient check's time depends on the drawn shape, and the 2-core
machine is shared. The suite's size is kept by max_examples instead.

"full" is derandomized (examples seeded from each test) and keeps no example database: every
run of `./dev.sh test`, here or in CI on a fresh clone, draws the same examples, so a result
seen here is the result CI sees. Exploring further is what the long runs are for
(CHAINRULE_DIFF_EXAMPLES, HYPOTHESIS_PROFILE=explore).
"""
import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("full", max_examples=200, print_blob=True, derandomize=True,
                          database=None, **_COMMON)
settings.register_profile("explore", max_examples=200, print_blob=True, **_COMMON)
settings.register_profile("quick", max_examples=15, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))
