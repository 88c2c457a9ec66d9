"""Site-office models, one module per area; each area's module is owned by that area's code."""
from .fees import *
from .collection import *
from .decoration import *
