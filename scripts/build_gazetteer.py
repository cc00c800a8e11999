"""Build data/gazetteer.yaml from the raw sources and the hand-kept curation.

Usage (from the project root):

    python scripts/build_gazetteer.py                    # ../shared/data/sources → data/
                                                         # gazetteer.yaml and data/layers/
    python scripts/build_gazetteer.py --out /tmp/g.yaml  # build elsewhere (the tests do this;
                                                         # the layers go to /tmp/layers/)

Inputs: the source tables (``--sources``, described in their README.md), the curation files
(``data/curation/*.yaml``) and the previous edition (``--previous``, default the committed
``data/gazetteer.yaml``, with the layers beside it), whose ids are kept for ever: a place
published under an id keeps it through renames and new namesakes. The output (the core
gazetteer, and the data layers with their manifest in a ``layers`` folder beside it) depends on
nothing else (no clock, no network), so the same inputs give the same bytes. See docs/sources.md.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_build.build import BuildError, Inputs, build
from gazetteer_build.layers import FOLDER

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = PROJECT.parent / "shared" / "data" / "sources"
DEFAULT_CURATION = PROJECT / "data" / "curation"
DEFAULT_OUTPUT = PROJECT / "data" / "gazetteer.yaml"


def main(argv: list[str] | None = None) -> int:
    """Run the build; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--curation", type=Path, default=DEFAULT_CURATION)
    parser.add_argument("--previous", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    try:
        outputs = build(
            Inputs(sources=args.sources, curation=args.curation, previous=args.previous)
        )
    except (BuildError, FileNotFoundError, ValueError) as error:
        print(f"build_gazetteer: {error}", file=sys.stderr)
        return 1
    written = {args.out: outputs.gazetteer}
    folder = args.out.parent / FOLDER
    written.update({folder / name: text for name, text in outputs.layers.items()})
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        logging.info("wrote %s (%d bytes)", path, len(text.encode("utf-8")))
    logging.info("built in %.1f s", time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
