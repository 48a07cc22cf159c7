"""Production settings plus one extra URL: the floor the benchmark compares pages with."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
