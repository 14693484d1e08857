"""load_npz reads the shipped models exactly as numpy reads them, and leaves other files to numpy."""

import numpy as np
import pytest

from tools.analyzers.model import MODEL_PATHS
from tools.analyzers.npz import load_npz
from tools.analyzers.price_model import MODEL_PATHS as PRICE_MODEL_PATHS

SHIPPED = sorted({*map(str, MODEL_PATHS.values()), *map(str, PRICE_MODEL_PATHS.values())})


def _numpy_reading(path, float32=frozenset()):
    with np.load(path, allow_pickle=False) as data:
        return {name: (data[name].astype("float32") if name in float32 else data[name]).tolist() for name in data.files}


@pytest.mark.parametrize("path", SHIPPED)
def test_the_shipped_models_read_as_numpy_reads_them(path):
    assert load_npz(path, float32=frozenset({"weights"})) == _numpy_reading(path, {"weights"})


def test_layouts_and_dtypes(tmp_path):
    path = tmp_path / "m.npz"
    weights = np.arange(12, dtype="float16").reshape(3, 4) / 7
    np.savez_compressed(path, rows=weights, columns=np.asfortranarray(weights), single=np.array("元数据 meta"),
                        words=np.array(["猫粮", "a", ""]), bias=np.array([0.1, -2.5], dtype="float32"),
                        empty=np.zeros((0, 3), dtype="float16"))
    assert load_npz(path) == _numpy_reading(path)


def test_other_dtypes_are_read_by_numpy(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, weights=np.array([0.1, 1 / 3]), counts=np.array([1, 2]), vocab=np.array(["x", "y"]))
    assert load_npz(path, float32=frozenset({"weights"})) == _numpy_reading(path, {"weights"})
    assert load_npz(path)["weights"] == [0.1, 1 / 3]
