"""Staff-room models, one module per area."""
from .appraisal import *  # noqa: F401,F403
from .checks import *  # noqa: F401,F403
from .training import *  # noqa: F401,F403
