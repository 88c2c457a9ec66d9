"""Front-desk models, one module per area; each area's module is owned by that area's code."""
from .intake import *  # noqa: F401,F403
from .repairs import *  # noqa: F401,F403
from .paid import *  # noqa: F401,F403
from .complaints import *  # noqa: F401,F403
from .quality import *  # noqa: F401,F403
from .visits import *  # noqa: F401,F403
from .visitors import *  # noqa: F401,F403
from .mail import *  # noqa: F401,F403
from .deposits import *  # noqa: F401,F403
from .closing import *  # noqa: F401,F403
from .passes import *  # noqa: F401,F403
from .lost import *  # noqa: F401,F403
