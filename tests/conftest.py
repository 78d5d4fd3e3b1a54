"""Test setup shared by every test: Qt runs offscreen, settings go to a temp folder."""

from __future__ import annotations

import os

# Before anything imports Qt: no display in CI, and none needed for the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
