"""Test setup shared by every test: Qt runs offscreen, settings go to a temp folder."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display in CI, and none needed for the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Autosaves of windows under test go to a temp folder, never the user's recovery folder
# (whose leftovers would otherwise make a test window offer a recovery).
os.environ["RELPLAN_RECOVERY_DIR"] = tempfile.mkdtemp(prefix="relplan-recovery-")
