"""Gazetteer and geoparser: find place names in a text and resolve them to coordinates."""

from .gazetteer import Candidate, Entry, Gazetteer, fold
from .geoparse import Geoparser, Place

__all__ = ["Candidate", "Entry", "Gazetteer", "Geoparser", "Place", "fold"]
