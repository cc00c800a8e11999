"""toponyms: find place names in Russian, Ukrainian and Latin-script text, resolve them to places.

>>> import toponyms
>>> [m.place_id for m in toponyms.annotate("Бои за Красноармейск")]
['ua/donetska/pokrovsk']
"""

from toponyms._layers import Layer, layers
from toponyms._version import __version__
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
