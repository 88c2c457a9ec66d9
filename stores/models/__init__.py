"""Store-room models, one module per area."""
from .stock import *
from .counts import *
from .supply import *
from .tools import *
