"""CLI subcommands, one module per area of the product."""
