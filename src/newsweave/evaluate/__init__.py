"""Benchmarks behind ``newsweave eval NAME``: one module per benchmark.

Each module has ``add_arguments(parser)`` and ``run(args) -> int`` and reads its data from a
path the user gives (the development sets live in ``../shared/data``; nothing is bundled).
"""
