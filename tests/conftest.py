"""Shared fixtures: the bundled gazetteer, a matcher, the path to ../shared, and the Dask and
Spark engines."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import toponyms

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = PROJECT_ROOT / "tests" / "data"
# CI checks the project out with ../shared beside it; a user's fresh clone has none.
SHARED = PROJECT_ROOT.parent / "shared"

requires_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"needs the shared data directory {SHARED} (present in CI, absent in a fresh clone)",
)

BUNDLED = PROJECT_ROOT / "data" / "gazetteer.yaml"
# The hand-made seed edition says so in its data_version; the built one does not.
_IS_SEED = "-seed" in next(
    (line for line in BUNDLED.read_text(encoding="utf-8").splitlines() if "data_version" in line),
    "",
)
requires_full_gazetteer = pytest.mark.skipif(
    _IS_SEED,
    reason="needs the full gazetteer built by scripts/build_gazetteer.py; "
    "data/gazetteer.yaml is still the hand-made seed edition",
)


# -- Dask and Spark (tests/test_dask.py, tests/test_spark.py) -----------------------------------

ENGINE_TEXTS = TEST_DATA / "engine_texts.tsv"
LOOPBACK = "127.0.0.1"  # the engines listen on loopback only


def read_engine_texts() -> tuple[list[str], list[str]]:
    """The ids and texts of tests/data/engine_texts.tsv."""
    lines = ENGINE_TEXTS.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
    return [doc for doc, _ in rows], [text for _, text in rows]


def pipe_rows(docs: Sequence[Any], texts: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The mentions ``Matcher.pipe`` finds in ``texts`` (a missing one, None or NA, as the empty
    text), as rows of the mention columns, ``doc`` first: what every engine must give."""
    matcher = toponyms.Matcher(toponyms.load())
    plain = [text if isinstance(text, str) else "" for text in texts]
    rows = []
    for doc, mentions in zip(docs, matcher.pipe(plain), strict=True):
        for m in mentions:
            rows.append(
                (doc, m.start, m.end, m.surface, m.place_id, m.name, str(m.kind), m.country,
                 m.lat, m.lon, m.score, str(m.method), str(m.name_status), m.in_name)
            )  # fmt: skip
    return sorted(rows)


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    """A client of a local Dask cluster: two worker processes of one thread, on loopback."""
    pytest.importorskip("dask.dataframe", reason="dask is the [dask] extra")
    distributed = pytest.importorskip("distributed", reason="distributed is the [dask] extra")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host=LOOPBACK,
            dashboard_address=None,  # no dashboard; its small HTTP server binds loopback too
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local Spark session of two cores, on loopback, without its web UI."""
    sql = pytest.importorskip("pyspark.sql", reason="pyspark is the [spark] extra")
    pytest.importorskip("pyarrow", reason="pyarrow is the [spark] extra")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (java on PATH)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPARK_LOCAL_IP", LOOPBACK)
        patch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers run this environment
        session = (
            sql.SparkSession.builder.master("local[2]")
            .appName("toponyms-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", LOOPBACK)
            .config("spark.driver.bindAddress", LOOPBACK)
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()
