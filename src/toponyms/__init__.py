"""toponyms: find place names in Russian, Ukrainian and Latin-script text, resolve them to places.

>>> import toponyms
>>> [m.place_id for m in toponyms.annotate("Бои за Красноармейск")]
['ua/donetska/pokrovsk']
"""

from importlib import metadata as _metadata

from toponyms._layers import Layer, layers
from toponyms.errors import (
    GazetteerError,
    Problem,
    ResourceNotFoundError,
    ToponymsError,
    ToponymsWarning,
    UnknownLayerError,
    UnknownPlaceError,
    UnknownSchemeError,
)
from toponyms.gazetteer import Gazetteer, load, validate
from toponyms.geocoding.table import geocode
from toponyms.matcher import Matcher, annotate
from toponyms.model import Candidate, Coords, Kind, Mention, Method, Name, NameStatus, Place, Refs
from toponyms.text.fold import fold_key
from toponyms.text.normalize import normalize
from toponyms.text.translit import Scheme, schemes, transliterate

try:
    __version__ = _metadata.version("toponyms")
except _metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Candidate",
    "Coords",
    "Gazetteer",
    "GazetteerError",
    "Kind",
    "Layer",
    "Matcher",
    "Mention",
    "Method",
    "Name",
    "NameStatus",
    "Place",
    "Problem",
    "Refs",
    "ResourceNotFoundError",
    "Scheme",
    "ToponymsError",
    "ToponymsWarning",
    "UnknownLayerError",
    "UnknownPlaceError",
    "UnknownSchemeError",
    "__version__",
    "annotate",
    "fold_key",
    "geocode",
    "layers",
    "load",
    "normalize",
    "schemes",
    "transliterate",
    "validate",
]
