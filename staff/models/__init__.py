"""Staff-room models, one module per area."""
from .training import *  # noqa: F401,F403
from .checks import *  # noqa: F401,F403
from .appraisal import *  # noqa: F401,F403
