"""Archive-room models, one module per area; each area's module is owned by that area's code."""
from .catalogue import *
from .checks import *
from .documents import *
from .filing import *
from .incidents import *
from .lending import *
from .destruction import *
