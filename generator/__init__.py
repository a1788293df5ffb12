"""cpsite generator: YAML records -> validated model -> bilingual Markdown pages for MkDocs.

Stages, one module each: yamlsrc (load with positions), schema and rules (check), records
(model), catalogue (grouping), views / catalogue_pages (what pages show), render (templates),
output (write if changed), generate (the pipeline), cli (commands), mkdocs_hook (the only
module that imports MkDocs).
"""

__version__ = "0.1.0"
