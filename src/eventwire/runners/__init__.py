"""Executors: the same pipeline, in-process or in a process pool. Workers rebuild the pipeline
from settings (plain data) rather than receiving pickled stage objects."""

from .local import InProcessRunner, Job, PoolRunner, Runner, make_runner

__all__ = ["InProcessRunner", "Job", "PoolRunner", "Runner", "make_runner"]
