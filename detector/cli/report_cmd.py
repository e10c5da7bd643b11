"""`propalint report PATH... -o report.html`: one self-contained HTML report for editors.

The hits are those of `propalint check` on the same paths: the same config files, rule
selection, severity overrides and inline suppressions, through the same pipeline.
"""

from __future__ import annotations

import sys

from detector import atomic, exitcodes
from detector.config import LANGS
from detector.lint.pipeline import check_text
from detector.lint.settings import Resolver

from . import inputs
from .common import add_rule_options, guarded


def register(sub) -> None:
    p = sub.add_parser("report", help="write a highlighted HTML report of articles (one file, works offline)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="where to write the report (default: stdout)")
    p.add_argument("--title", help="the report's title")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the articles (default: auto)")
    p.add_argument("--input-format", choices=["auto", "text", "markdown", "html"], default="auto",
                   help="how to read the input (default: by file extension; stdin is text)")
    inputs.add_options(p)
    p.add_argument("--select", action="append", metavar="SELECTORS", help="report only these rules (as in check)")
    p.add_argument("--ignore", action="append", metavar="SELECTORS", help="do not report these rules (as in check)")
    p.add_argument("--config", metavar="FILE", help="use this config file for every path (no lookup)")
    p.add_argument("--isolated", action="store_true", help="ignore every config file")
    add_rule_options(p)
    p.set_defaults(run=run)


def _run(args) -> int:
    from detector.report.html import from_result, render_report  # the HTML renderer loads for this command only

    resolver = Resolver(args)
    articles, input_failed, techniques = [], False, None
    for article in inputs.resolved(args, resolver):
        item = article.item
        if item.text is None:
            print(f"propalint: {item.error}", file=sys.stderr)
            input_failed = True
            continue
        techniques = techniques or article.linter.ruleset.techniques
        checked = check_text(item.text, item.path, article.fmt, article.settings.lang, article.linter, article.settings)
        articles.append(from_result(checked, item.text, fmt=article.fmt))
    if not articles:
        print("propalint: no article to report on", file=sys.stderr)
        return exitcodes.USAGE
    html = render_report(articles, techniques, title=args.title)
    if args.output == "-":
        sys.stdout.write(html)
    else:
        try:
            atomic.write_text(args.output, html)
        except OSError as err:
            print(f"propalint: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
            return exitcodes.USAGE
        hits = sum(len(a.hits) for a in articles)
        print(f"Wrote {args.output}: {hits} possible technique{'s' if hits != 1 else ''} "
              f"in {len(articles)} file{'s' if len(articles) != 1 else ''}.", file=sys.stderr)
    if input_failed:
        return exitcodes.USAGE
    # Same exit codes as `check`, so a CI job can both publish the report and gate on it.
    return exitcodes.FINDINGS if any(a.hits for a in articles) else exitcodes.OK


run = guarded(_run)
