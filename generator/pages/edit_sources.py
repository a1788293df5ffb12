"""Which file the "edit this page" button of a catalogue page opens.

Case and technology pages open their record. A catalogue page has no record of its own: a
sector, pollutant-area, initiative or location page (and its index) takes its names and
descriptions from that vocabulary, `data/<facet>.yaml`; the year pages and the case and
technology indexes take their words from the interface strings of their language. Hand-written
pages need nothing here: MkDocs' `edit_uri` points them at `content/<lang>/<page>.md`.
"""

from __future__ import annotations

from typing import Optional

from generator.model.kinds import VOCABULARY_FACETS


def catalogue_edit_path(facet: Optional[str], lang: str) -> str:
    """Path in the repository that a catalogue page of `facet` (None: cases or technologies
    index) should be edited in."""
    if facet in VOCABULARY_FACETS:
        return f"data/{facet}.yaml"
    return f"generator/locales/{'zh' if lang.startswith('zh') else 'en'}.yaml"
