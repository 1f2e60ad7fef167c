"""HTTP routers: signed device API, phone pay page, sandbox controls, merchant admin."""
