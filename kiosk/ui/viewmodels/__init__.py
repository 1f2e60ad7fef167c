"""View-models the shopper screens bind to: QObjects and list models over the core."""
