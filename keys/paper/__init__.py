"""Paper forms of the key room: print views with signature lines, Excel export and import (CORE-10)."""
