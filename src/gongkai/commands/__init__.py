"""One module per ``gongkai`` subcommand (see :mod:`gongkai.cli`)."""
