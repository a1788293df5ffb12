"""Where things live in a cpsite checkout. One object passed to every stage."""

from __future__ import annotations

import dataclasses
from pathlib import Path

# The package's own data folders: Jinja templates and the labels of each language.
PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
LOCALES = PACKAGE / "locales"


@dataclasses.dataclass(frozen=True)
class Project:
    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def technologies_dir(self) -> Path:
        return self.root / "technologies"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def snippets_dir(self) -> Path:
        """Generated Markdown fragments that hand-written pages include (never committed)."""
        return self.root / ".generated" / "snippets"

    @property
    def site_files_dir(self) -> Path:
        """Files laid into the built site as they are, beside MkDocs' output: <lang>/c/, <lang>/t/
        (model.kinds.BESIDE; never committed)."""
        return self.root / ".generated" / "site-files"

    @property
    def cache_dir(self) -> Path:
        """What builds keep for later builds to reuse (never committed; safe to delete)."""
        return self.root / ".generated" / "cache"

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The checkout containing `start` (default: the working directory)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "schema").is_dir():
                return cls(folder)
        return cls(here)

