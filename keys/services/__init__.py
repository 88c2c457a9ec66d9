"""Every change in the key room happens through a function in this package."""
