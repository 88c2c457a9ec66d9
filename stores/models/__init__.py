"""Store-room models, one module per area."""
from .counts import *
from .stock import *
from .supply import *
from .tools import *
