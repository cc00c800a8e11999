"""Inflected and derived forms in running text resolve like the nominative (issue: inflection).

Every row of ../shared/data/inflection_vectors.tsv whose lemma is in the gazetteer is put into a
sentence written for this test; the annotator must find the form and give it the lemma's place.
"""

from __future__ import annotations

import csv

import pytest

import toponyms
from conftest import SHARED, requires_shared

VECTORS = SHARED / "data" / "inflection_vectors.tsv"
MIN_SHARE = 0.97  # the acceptance threshold
# The form stands mid-sentence, after a comma, where a capital letter means a name.
SENTENCES = {
    "ru": "По данным штаба, {form} снова упоминается в сводке.",
    "uk": "За даними штабу, {form} знову згадується у зведенні.",
}
# A relational adjective stands for its place before a head noun such as "direction" (the guard
# drops bare adjectives: Харківської обласної ради is a council).
ADJECTIVE_SENTENCES = {
    "ru": "По данным штаба, {form} направление снова упоминается в сводке.",
    "uk": "За даними штабу, {form} напрямок знову згадується у зведенні.",
}


def _rows() -> list[dict[str, str]]:
    with VECTORS.open(encoding="utf-8") as stream:
        return [row for row in csv.DictReader(stream, delimiter="\t") if row["lang"] in SENTENCES]


@requires_shared
def test_share_of_vector_forms_annotated_with_their_lemmas_place() -> None:
    gazetteer = toponyms.load()
    matcher = toponyms.Matcher(gazetteer)
    checked = 0
    misses = []
    for row in _rows():
        lemma_candidates = gazetteer.lookup(row["lemma"], lang=row["lang"]) or gazetteer.lookup(
            row["lemma"]
        )
        if not lemma_candidates:
            continue  # the lemma is not in the gazetteer
        expected = lemma_candidates[0].place_id
        if row["case"] == "region":  # Харківщина is the region whose capital is Харків
            expected = next((p.id for p in gazetteer if p.capital == expected), expected)
        templates = ADJECTIVE_SENTENCES if row["case"] == "adj" else SENTENCES
        text = templates[row["lang"]].format(form=row["form"])
        start = text.index(row["form"])
        found = [
            m.place_id
            for m in matcher.annotate(text)
            if m.start <= start < m.end or start <= m.start < start + len(row["form"])
        ]
        checked += 1
        if expected not in found:
            misses.append(f"{row['lang']} {row['case']} {row['lemma']} → {row['form']}: {found}")
    share = 1 - len(misses) / checked
    print(f"\n{checked - len(misses)} of {checked} forms resolved ({share:.1%}); misses:")
    print("\n".join(misses))
    assert checked > 0
    assert share >= MIN_SHARE


@pytest.mark.parametrize(
    ("text", "surface", "place_id", "method"),
    [
        ("Бои под Покровском продолжаются.", "Покровском", "ua/donetska/pokrovsk", "inflected"),
        ("Вчера в Красноармейске тихо.", "Красноармейске", "ua/donetska/pokrovsk", "inflected"),
        ("Евакуація з Харкова триває.", "Харкова", "ua/kharkivska/kharkiv", "inflected"),
        ("Обстріли на Харківщині.", "Харківщині", "ua/kharkivska", "inflected"),
        ("Бої під Часовим Яром.", "Часовим Яром", "ua/donetska/chasiv-yar", "inflected"),
        ("Жители в Новой Каховке.", "Новой Каховке", "ua/khersonska/nova-kakhovka", "inflected"),
        ("Выезд из Курахово закрыт.", "Курахово", "ua/donetska/kurakhove", "exact"),
        ("На бахмутському напрямку тихо.", "бахмутському", "ua/donetska/bakhmut", "derived"),
    ],
    ids=lambda v: v if len(v) < 30 else v[:30],
)
def test_inflected_sentence(text: str, surface: str, place_id: str, method: str) -> None:
    found = [(m.surface, m.place_id, str(m.method)) for m in toponyms.annotate(text)]
    assert (surface, place_id, method) in found
