"""Every change in the archive room, one module per area."""
