"""Editors' commands: `cpsite new-case`, `cpsite import`, `cpsite l10n-status`,
`cpsite l10n-mark` and `cpsite check-site`.

Only parses options and calls one function each; `cli` adds these sub-commands with one call.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.project import Project


def cmd_new_case(args: argparse.Namespace) -> int:
    from generator.editors.scaffold import new_case

    return new_case(Project.find(), args)


def cmd_import(args: argparse.Namespace) -> int:
    project = Project.find()
    if args.write_template:
        from generator.editors.spreadsheet_template import write_template

        write_template(project, Path(args.write_template))
        print(f"wrote {args.write_template}", file=sys.stderr)
        return 0
    if not args.file:
        print("cpsite import: give the spreadsheet to import (FILE)", file=sys.stderr)
        return 2
    from generator.editors.importer import run_import

    return run_import(project, Path(args.file), dry_run=args.dry_run, update=args.update,
                      encoding=args.encoding)


def cmd_l10n_status(args: argparse.Namespace) -> int:
    from generator.editors.l10n import status_command

    return status_command(Project.find(), as_json=args.json, show_diff=args.diff)


def cmd_l10n_mark(args: argparse.Namespace) -> int:
    from generator.editors.l10n import mark_command

    return mark_command(Project.find(), [Path(p) for p in args.pages])


def cmd_check_site(args: argparse.Namespace) -> int:
    from generator.site.linkcheck import check_site_command

    return check_site_command(Project.find(), Path(args.site_dir), update_urls=args.update_urls)


def add_commands(sub) -> None:
    from generator.editors.scaffold import add_options

    p = sub.add_parser("new-case", help="write a new case record (asks for what is not given as an option)")
    add_options(p)
    p.set_defaults(func=cmd_new_case)

    p = sub.add_parser("import", help="turn a spreadsheet of cases (.csv or .xlsx) into case records")
    p.add_argument("file", nargs="?", metavar="FILE", help="the spreadsheet: one row per case")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument("--update", action="store_true", help="replace existing records (the diff is shown)")
    p.add_argument("--encoding", default=None,
                   help="encoding of a CSV file that is not UTF-8, e.g. big5hkscs")
    p.add_argument("--write-template", metavar="PATH", default=None,
                   help="write the blank template (.xlsx or .csv) instead of importing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("l10n-status", help="list Chinese text that is missing or older than the English")
    p.add_argument("--json", action="store_true", help="print JSON for tools instead of a table")
    p.add_argument("--diff", action="store_true", help="also show the English changes since each translation")
    p.set_defaults(func=cmd_l10n_status)

    p = sub.add_parser("l10n-mark", help="record in content/zh pages that they match the English as committed")
    p.add_argument("pages", nargs="+", metavar="PAGE", help="content/zh/... Markdown files")
    p.set_defaults(func=cmd_l10n_mark)

    p = sub.add_parser("check-site", help="check every internal link of a built site and the published URLs")
    p.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site)")
    p.add_argument("--update-urls", action="store_true",
                   help="add the site's pages to the published-URL list (never removes any)")
    p.set_defaults(func=cmd_check_site)
