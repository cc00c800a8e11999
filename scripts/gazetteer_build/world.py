"""Countries of the world (ISO 3166-1 via pycountry, with its Ukrainian and Russian names)."""

from __future__ import annotations

import gettext

import pycountry

from gazetteer_build.places import Draft, make_name
from gazetteer_build.text import clean

SECTION = 0


def build_countries() -> dict[str, Draft]:
    """A draft for every ISO 3166-1 country, keyed by id (alpha-2, lower case)."""
    catalogs = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("uk", "ru")
    }
    drafts = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        draft = Draft(id=code.lower(), kind="country", country=code, order=(SECTION, code.lower()))
        english = getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None)
        if "," in english and official:
            english = official
        for lang, catalog in catalogs.items():
            translated = catalog.gettext(country.name)
            if translated != country.name:
                draft.add_name(make_name(clean(translated), lang))
        draft.add_name(make_name(english, "en"))
        if official and official != english:
            draft.add_name(make_name(official, "en"))
        draft.refs["iso3166"] = code
        drafts[draft.id] = draft
    return drafts
