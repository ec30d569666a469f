"""The neural voice's model as the runtime prepared it, kept so the next start skips preparing.

Making the runtime's session spends most of its time optimising the model's graph: 0.45 of
0.85 s on the development machine, and more under load. That is the same work on every start,
for the same model on the same computer. The runtime can write the optimised graph out, and
read back with its optimisations off it makes the session in half the time and speaks as fast
(bench/audio.py). The written graph suits only the computer and runtime that made it (some
operations are laid out for the processor's vector width), so its name carries the runtime's
version, the model file's size and time, and the processor's features: anything else is made
afresh. A prepared file that will not load is removed, and the model prepared again. Deleting
the cache folder loses nothing but that half second once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
from functools import lru_cache
from pathlib import Path
from typing import Any

PREFIX = "voice-"


def session(model: Path, folder: Path | None) -> Any:
    """An onnxruntime session for ``model``, from its prepared copy in ``folder`` if there is
    one for this computer, else prepared now and kept there (None: prepared, not kept)."""
    import onnxruntime

    if folder is not None:
        kept = folder / f"{PREFIX}{_key(model, onnxruntime.__version__)}.onnx"
        if kept.is_file():
            options = onnxruntime.SessionOptions()
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
            try:
                return _open(onnxruntime, kept, options)
            except Exception:  # damaged, or not the runtime's after all: prepared again below
                with contextlib.suppress(OSError):
                    kept.unlink()
        made = _prepare_into(onnxruntime, model, kept)
        if made is not None:
            return made
    return _open(onnxruntime, model, onnxruntime.SessionOptions())


def _prepare_into(onnxruntime: Any, model: Path, kept: Path) -> Any:
    """The session, its optimised graph written to ``kept`` (None if that cannot be written)."""
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    options = onnxruntime.SessionOptions()
    options.optimized_model_filepath = str(partial)
    options.log_severity_level = 3  # not the warning that the file suits this computer only
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        made = _open(onnxruntime, model, options)
        os.replace(partial, kept)
    except Exception:  # a full or read-only disk: the session is made without keeping it
        with contextlib.suppress(OSError):
            partial.unlink()
        return None
    for old in kept.parent.glob(f"{PREFIX}*"):  # another runtime's or another computer's
        if old != kept:
            with contextlib.suppress(OSError):
                old.unlink()
    return made


def _open(onnxruntime: Any, path: Path, options: Any) -> Any:
    return onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )


def _key(model: Path, runtime: str) -> str:
    stat = model.stat()
    said = f"{runtime}\x1f{model.resolve()}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}"
    return hashlib.sha256(f"{said}\x1f{_processor()}".encode()).hexdigest()[:20]


@lru_cache(maxsize=1)
def _processor() -> str:
    """What the processor can do: its feature flags where the system lists them."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if line.startswith(("flags", "Features")):
                return f"{platform.machine()} {line.split(':', 1)[-1].strip()}"
    return f"{platform.machine()} {platform.processor()}"
