"""The shared web layer every room's pages and API are built on: scoping to the user's projects, running a
service call and telling the user which rule said no, API errors, the permission checks of a page or endpoint."""
