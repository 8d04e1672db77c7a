"""Hypothesis profiles: ``dev`` (the default, quick) and ``ci`` (more examples, reproducible).

Choose one with ``HYPOTHESIS_PROFILE=ci``; ``ci`` is chosen by itself when the
``CI`` environment variable is set, as it is on every CI service.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
