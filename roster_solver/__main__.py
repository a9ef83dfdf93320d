"""The `roster` program (``roster`` on the command line, or ``python -m roster_solver``).

Ctrl-C and SIGTERM are taken over first, before the slow imports (openpyxl, OR-Tools), so that
a signal at any moment ends the run with exit 130 and nothing written (:mod:`.interrupt`).
"""

from __future__ import annotations


def main() -> None:
    from . import interrupt

    interrupt.install()
    from .cli import app

    app(prog_name="roster")


if __name__ == "__main__":  # pragma: no cover
    main()
