"""Read the shipped models' ``.npz`` files as Python lists, without importing numpy.

The analyzers turn every array into lists and dicts right away, so numpy was loaded (0.1-0.2 s
of every `persona build` and `persona analyze`) only to open the files. An ``.npz`` is a zip of
``.npy`` files: a short header (dtype, order, shape) and the raw values. This reads what the
training scripts write — little-endian float16 / float32 and fixed-width unicode, 0 to 2
dimensions — and leaves anything else to numpy, so every file still loads, with the same values.
"""

from __future__ import annotations

import ast
import struct
import zipfile
from math import prod

_FLOATS = {"<f2": "e", "<f4": "f"}  # struct codes; both widen to a Python float exactly


def load_npz(path, float32: frozenset[str] = frozenset()) -> dict[str, object]:
    """Array name -> its values as ``tolist()`` gives them: numbers as Python floats (the arrays
    named in ``float32`` at float32 precision, as ``astype("float32")`` makes them), strings as
    str, a 2-D array as a list of rows."""
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            value = _read_npy(archive.read(member))
            if value is None:
                return _with_numpy(path, float32)
            arrays[member.removesuffix(".npy")] = value
    return arrays


def _read_npy(data: bytes):
    """The array in one ``.npy`` file as (nested) lists, or None for a layout not read here."""
    if data[:6] != b"\x93NUMPY" or data[6] not in (1, 2, 3):
        return None
    size_format, start = ("<H", 10) if data[6] == 1 else ("<I", 12)
    header_size = struct.unpack_from(size_format, data, 8)[0]
    header = ast.literal_eval(data[start:start + header_size].decode("latin-1" if data[6] < 3 else "utf-8"))
    dtype, shape, fortran = header["descr"], tuple(header["shape"]), header["fortran_order"]
    count, body = prod(shape), data[start + header_size:]
    if len(shape) > 2:
        return None
    if dtype in _FLOATS:
        flat = list(struct.unpack_from(f"<{count}{_FLOATS[dtype]}", body))
    elif isinstance(dtype, str) and dtype.startswith("<U") and dtype[2:].isdigit():
        width = int(dtype[2:])  # characters, in UTF-32; numpy pads short strings with NULs, which tolist() drops
        text = body[:count * width * 4].decode("utf-32-le")
        flat = [text[i:i + width].rstrip("\0") for i in range(0, count * width, width)]
    else:
        return None
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return flat
    rows, columns = shape
    if fortran:  # stored column by column
        by_column = [flat[j * rows:(j + 1) * rows] for j in range(columns)]
        return [list(row) for row in zip(*by_column)] if columns else [[] for _ in range(rows)]
    return [flat[i * columns:(i + 1) * columns] for i in range(rows)]


def _with_numpy(path, float32: frozenset[str]) -> dict[str, object]:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return {name: (data[name].astype("float32") if name in float32 else data[name]).tolist() for name in data.files}
