"""Commands beyond validate/init/solve/check, one module each.

Each module decorates its functions with ``@app.command()`` (``app`` from
:mod:`roster_solver.cliutil`); :mod:`roster_solver.cli` imports every module here, in name order.
Modules whose name starts with ``_`` are helpers and are not imported automatically.
"""
