"""REST API of the key room: the same services as the pages, errors as {code, message, rule, clause}."""
