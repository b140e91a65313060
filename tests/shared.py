"""Where the shared corpus is: ``../shared`` beside the repository, found once, here.

Every test that reads the corpus imports its paths from this module. Without ``../shared`` the import
fails, so those tests fail (a collection error naming the path) instead of being skipped silently.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
REAL = CORPUS / "real"
SEED = CORPUS / "seed/2020_dadukou_renfang.txt"

if not (REAL.is_dir() and SEED.is_file()):
    raise RuntimeError(
        f"the shared corpus is missing: expected {CORPUS} (../shared beside the repository {ROOT})"
    )
