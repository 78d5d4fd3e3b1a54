"""The bundled sample project and a synthetic project generator for benchmarks.

:func:`sample_project` is what a new user sees first: release "Payments 4.2" of Northwind
Payments, planned the ITIL way and caught in the middle of Build and Test; its ids are
UUID5s of fixed names, so the sample file is identical on every build.
:func:`synthetic_project` makes one release of any size, the same for the same seed.
"""

from __future__ import annotations

from relplan.samples.payments import sample_project
from relplan.samples.synthetic import synthetic_project

__all__ = ["sample_project", "synthetic_project"]
