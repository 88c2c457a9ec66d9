"""Safety models, one module per area."""
from .crews import *
from .fire import *
from .patrols import *
