"""Thinc ops whose matrix products go to numpy's BLAS (OpenBLAS) instead of cython-blis.

cython-blis 1.3 picks its AVX2 ("haswell") kernels on AVX-512 machines; OpenBLAS picks its SkylakeX
kernels there and multiplies the tok2vec shapes (2000×288 · 288×288) about twice as fast on one
thread. Maxout is numpy's elementwise maximum over the pieces (thinc's loop is scalar, about 8x slower
on these shapes); everything else (layer norm, the transition parser) stays thinc's own code, and the
outputs are the same entities and sentences (docs/nlp-speed.md has the measurements). These ops are
for prediction only: maxout does not record which piece won, so training under them fails loudly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class OpenBlasOps(NumpyOps):
    name = "numpy"  # serialised models name their ops; keep thinc's own name so nothing else changes

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out

    def maxout(self, X: Any) -> tuple[Any, Any]:
        best = numpy.maximum(X[:, :, 0], X[:, :, 1]) if X.shape[2] > 1 else X[:, :, 0].copy()
        for piece in range(2, X.shape[2]):
            numpy.maximum(best, X[:, :, piece], out=best)
        # the winning piece is needed only to backpropagate; computing it would cost what was saved
        return best, None

    def backprop_maxout(self, dY: Any, which: Any, P: int) -> Any:
        raise NotImplementedError("OpenBlasOps is for prediction; train under thinc's NumpyOps")


@contextmanager
def openblas_ops() -> Iterator[None]:
    """Models built inside this block multiply with OpenBLAS; the caller's ops come back afterwards."""
    previous = get_current_ops()
    set_current_ops(OpenBlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)

