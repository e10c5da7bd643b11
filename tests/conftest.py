import sys
from pathlib import Path

# make tests/helpers.py importable as `helpers`
sys.path.insert(0, str(Path(__file__).parent))

# Hypothesis: a few thousand examples per property in CI (CI=1), a quick pass locally.
# HYPOTHESIS_PROFILE picks one by name. print_blob prints the reproduction blob on failure.
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

_relaxed = dict(deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=4000, **_relaxed)
settings.register_profile("dev", max_examples=150, **_relaxed)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
