"""Text transforms: normalization, transliteration, folding keys and inflection."""
