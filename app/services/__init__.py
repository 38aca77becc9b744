"""Services: each takes a unit of work and returns plain frozen data."""
