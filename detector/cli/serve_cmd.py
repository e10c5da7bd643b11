"""`propalint serve`: the HTTP API and the editor's page (needs the `server` extra)."""

from __future__ import annotations

import argparse
import re
import sys

from detector import exitcodes

from .common import add_rule_options, load_linter

_UNITS = {"": 1, "b": 1, "kb": 1000, "k": 1000, "mb": 1000**2, "m": 1000**2, "kib": 1024, "mib": 1024**2}


def byte_size(text: str) -> int:
    """"1MB" -> 1000000, "512KiB" -> 524288, "2000" -> 2000."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    if not m or m.group(2).lower() not in _UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 1MB, 512KiB or a number of bytes)")
    size = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if size < 1:
        raise argparse.ArgumentTypeError("the size must be at least 1 byte")
    return size


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API and the editor's page")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (default: 8080)")
    p.add_argument("--max-body", type=byte_size, default="1MB", metavar="SIZE",
                   help="largest request body accepted, larger ones get 413 (default: 1MB)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    add_rule_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        from detector.server.runner import serve
    except ImportError as err:
        print(f"propalint: serve needs the server extra ({err.name} is missing): "
              "pip install 'propalint[server]'", file=sys.stderr)
        return exitcodes.USAGE
    linter = load_linter(args)  # every pack is loaded and compiled before the port opens
    if linter is None:
        return exitcodes.RULE_PACK
    serve(args.host, args.port, linter=linter, max_body=args.max_body, log_level=args.log_level)
    return exitcodes.OK
