"""cpsite generator: YAML records -> validated model -> bilingual Markdown pages for MkDocs.

One subpackage per stage, lowest first; each imports only itself and the ones before it:
core (paths, problems and codes, escaping, links, labels, output), model (records, the facet
and folder table, catalogue, roll-ups), edition (Simplified Chinese), check (load, schema,
rules, validate), render (Jinja environment, charts), search, pages (what each page shows,
the page loop), publish (short links, feeds, open data), build (the pipeline, lock, publish
step), site (the only place that imports MkDocs), editors (editors' commands), then cli.
Each package's README.md says what it owns; ARCHITECTURE.md walks the pipeline.
"""

__version__ = "0.1.0"
