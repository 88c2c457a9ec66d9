from core.testing.fixtures import *  # noqa: F401,F403
from keys.tests.helpers import *  # noqa: F401,F403
