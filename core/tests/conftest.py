from core.testing.fixtures import *  # noqa: F401,F403
from keys.tests.helpers import public_key, unit_key  # noqa: F401  (a record to hang things on)
