"""Safety models, one module per area."""
from .patrols import *
from .fire import *
from .crews import *
