"""Key-room reads, one module per area (loans, deposit, loss, custody_checks): querysets and figures."""
