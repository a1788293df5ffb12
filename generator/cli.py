"""Command line: `cpsite validate`, `cpsite generate`, `cpsite build`, `cpsite serve`.

The editors' commands (new-case, import, l10n-status, l10n-mark, check-site) live in
`editors.commands`. Thin on purpose: each command parses its options and calls one function of the
pipeline.
MkDocs is only ever started as a separate process, so this module never imports it; SIGINT
and SIGTERM are passed on to that process, and the command waits for it to end (`signals`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.check.validate import validate_project
from generator.core.problems import ValidationFailed, summary
from generator.core.project import Project
from generator.core.signals import run_forwarding_signals, stop_on_first_signal
from generator.editors.commands import add_commands as add_editor_commands


def cmd_validate(args: argparse.Namespace) -> int:
    project = Project.find()
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.is_file()]
    for p in missing:
        print(f"{p}:0:0: E100 no such file", file=sys.stderr)
    if missing:
        return 2
    result = validate_project(project, only=paths or None, corpus=False)
    for problem in result.problems:
        print(problem.github() if args.format == "github" else problem)
    print(summary(result.problems, result.checked), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_generate(args: argparse.Namespace) -> int:
    from generator.build.generate import generate  # imported when used: `cpsite validate` stays quick
    from generator.site.config import load as load_site

    project = Project.find()
    try:
        result, changes = generate(project, load_site(project.root), edit_base=args.edit_base)
    except ValidationFailed as failed:
        print(failed.report(), file=sys.stderr)
        return 1
    print(f"{len(changes.written)} written, {len(changes.removed)} removed, {changes.unchanged} unchanged",
          file=sys.stderr)
    return 0


def _mkdocs(*args: str, env: dict | None = None) -> int:
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1")
    return run_forwarding_signals([sys.executable, "-m", "mkdocs", *args], cwd=Project.find().root, env=env)


def _build(final: Path, *options: str) -> int:
    """`mkdocs build --strict` into `final`, then the search index and publishing once MkDocs
    has ended (build/finish.py says why)."""
    from generator.build.finish import BuildFailed, build_site
    from generator.build.lock import LockTimeout

    try:
        return build_site(Project.find().root, final,
                          lambda env: _mkdocs("build", "--strict", *options, "-d", str(final), env=env),
                          say=lambda text: print(f"INFO    -  {text}", file=sys.stderr, flush=True))
    except (BuildFailed, LockTimeout, ValueError) as failed:
        print(f"ERROR   -  {failed}", file=sys.stderr)
        return 1


def cmd_build(args: argparse.Namespace) -> int:
    from generator.site.config import site_dir

    project = Project.find()
    return _build(Path(args.site_dir).resolve() if args.site_dir else site_dir(project.root))


def cmd_offline(args: argparse.Namespace) -> int:
    import tempfile

    from generator.core.history import source_date_epoch
    from generator.site.offline import write_archive

    project = Project.find()
    with tempfile.TemporaryDirectory(prefix="cpsite-offline-") as tmp:
        site = Path(tmp) / "site"
        code = _build(site, "--no-directory-urls")
        if code:
            return code
        archive = Path(args.output).resolve()
        count = write_archive(site, archive, source_date_epoch(project.root))
    print(f"{archive}: {count} files; open cpsite/index.html from disk, or serve the folder", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    # --dirty: a rebuild renders only the pages whose source changed (site/incremental.py)
    return _mkdocs("serve", "--dirty", "--dev-addr", f"127.0.0.1:{args.port}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cpsite", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check records and print every problem as file:line:col")
    p.add_argument("paths", nargs="*", help="record files to check (default: all)")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: workflow annotations for pull requests")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("generate", help="validate, then write the generated Markdown pages")
    p.add_argument("--edit-base", default=None, help="URL prefix for 'edit this record' links")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("build", help="build the whole site with mkdocs --strict (site/ by default)")
    p.add_argument("--site-dir", default=None)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("offline", help="build a zip of the site that works from disk (for rooms without internet)")
    p.add_argument("--output", default="cpsite-offline.zip", help="archive to write (default: %(default)s)")
    p.set_defaults(func=cmd_offline)
    p = sub.add_parser("serve", help="build and serve the site on 127.0.0.1 with live reload")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    add_editor_commands(sub)   # new-case, import, l10n-status, l10n-mark, check-site
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    stop_on_first_signal()      # a Ctrl-C that dev.py passes on as well stops it only once
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("cpsite: stopped", file=sys.stderr)
        return 130
