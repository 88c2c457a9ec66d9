"""Server-rendered pages of the key room; they call the same services as the API."""
