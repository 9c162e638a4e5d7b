"""The API's routers: thin adapters from HTTP to the domain packages."""
