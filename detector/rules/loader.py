"""Load and validate rule packs: every problem is collected and reported as file:line:column.

A pack is a folder with ``pack.yaml`` (the manifest), rule files (``*.yaml``, each a list of
rules) and ``lexicons/*.txt``.  Loading never stops at the first problem: a rule author
fixing a pack wants to see all of them at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from detector import __version__

from . import pattern as pat
from .model import Examples, Lexicon, LexiconEntry, LoadError, Pack, Rule, Technique, deprecation_warning
from .schema import ALL, LEXICON_OPTIONS, MANIFEST_FIELDS, RULE_FIELDS, expected
from .yamlpos import Pos, PosDict, YamlError, load_yaml, position_in_scalar

MAX_LEXICON_BYTES = 20 * 1024 * 1024
MAX_RULE_FILE_BYTES = 5 * 1024 * 1024
MAX_LEXICON_ENTRIES = 100_000  # the automaton costs memory per entry; shipped lexicons hold hundreds
MAX_PATTERN_DEPTH = 32  # nested groups; the parser and compiler recurse, so depth must be bounded


def default_rules_dir() -> Path:
    """The shipped packs: `rules/` of a source checkout, else the installed `propalint_rules`."""
    env = os.environ.get("PROPALINT_RULES")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if (checkout / "techniques.yaml").is_file():
        return checkout
    from importlib.util import find_spec

    spec = find_spec("propalint_rules")
    if spec and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return checkout


def display_path(path: Path) -> str:
    """A stable, machine-independent name for a pack file in messages and explanations."""
    path = Path(os.path.realpath(path))  # unlike Path.resolve on 3.11, never raises on a link loop
    try:  # shipped packs read "rules/..." whether from a checkout or an installed package
        return "rules/" + path.relative_to(default_rules_dir().resolve()).as_posix()
    except ValueError:
        pass
    for base in (Path.cwd().resolve(),):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


@dataclass
class RuleSet:
    techniques: dict[str, Technique] = field(default_factory=dict)
    packs: list[Pack] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    # the name this rule set is cached under (detector/cache.py), which the compiled programs'
    # names derive from; None when it is not cached
    cache_key: str | None = field(default=None, compare=False)

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    def rule(self, rule_id: str) -> Rule | None:
        rule_id = self.redirect(rule_id)
        return next((r for r in self.rules if r.id == rule_id), None)

    def redirect(self, rule_id: str) -> str:
        """The current id of a rule, following renames (a -> b -> c); unknown ids come back as given."""
        seen = {rule_id}
        while True:
            target = next((p.redirects[rule_id] for p in self.packs if rule_id in p.redirects), None)
            if target is None or target in seen:  # a redirect cycle is a pack mistake: stop, do not loop
                return rule_id
            seen.add(target)
            rule_id = target

    def languages(self) -> list[str]:
        return sorted({p.lang for p in self.packs})


def resolve_rule_id(ruleset: RuleSet, rule_id: str) -> tuple[str, str | None]:
    """The id to use for a rule id found in a config, a suppression or a command line, and
    the warning to show the user, if any: the id was renamed, or names a deprecated rule.
    An id no pack knows comes back unchanged with no warning; whether that is an error is
    the caller's decision."""
    current = ruleset.redirect(rule_id)
    warning = f"rule id {rule_id} was renamed {current}; update the id" if current != rule_id else None
    rule = next((r for r in ruleset.rules if r.id == current), None)
    if rule is not None and rule.status == "deprecated":
        note = deprecation_warning(rule)
        warning = f"{warning}; {note}" if warning else note
    return current, warning


class _Collector:
    def __init__(self):
        self.errors: list[LoadError] = []

    def add(self, path: Path, pos: Pos | None, message: str):
        pos = pos or Pos(1, 1)
        self.errors.append(LoadError(display_path(path), pos.line, pos.column, message))

    def load(self, path: Path, limit: int):
        try:
            if path.stat().st_size > limit:
                self.add(path, None, f"file is larger than {limit} bytes")
                return None, {}
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.add(path, None, f"cannot read file: {err}")
            return None, {}
        try:
            return load_yaml(source)
        except YamlError as err:
            self.add(path, err.pos, err.message)
            return None, {}


# --- techniques ----------------------------------------------------------------------------

def load_techniques(path: Path, out: _Collector) -> dict[str, Technique]:
    data, _ = out.load(path, MAX_RULE_FILE_BYTES)
    if data is None:
        return {}
    items = data.get("techniques") if isinstance(data, dict) else None
    if not isinstance(items, list):
        out.add(path, getattr(data, "pos", None), "expected a mapping with a 'techniques' list")
        return {}
    techniques = {}
    for i, item in enumerate(items):
        pos = items.item_pos[i]
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            out.add(path, pos, "each technique needs an 'id'")
            continue
        techniques[item["id"]] = Technique(
            id=item["id"],
            category=str(item.get("category", "")),
            name=dict(item.get("name") or {}),
            definition=dict(item.get("definition") or {}),
        )
    return techniques


# --- lexicons ------------------------------------------------------------------------------

def read_lexicon(path: Path, name: str, match: str, out: _Collector) -> Lexicon | None:
    try:
        if path.stat().st_size > MAX_LEXICON_BYTES:
            out.add(path, None, f"lexicon is larger than {MAX_LEXICON_BYTES} bytes")
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        out.add(path, None, f"cannot read lexicon: {err}")
        return None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split(" # ", 1)[0].strip()
        # "# note" is a comment; "#hashtag" is an entry.
        if not entry or entry == "#" or entry.startswith("# "):
            continue
        if len(entries) == MAX_LEXICON_ENTRIES:
            out.add(path, Pos(number, 1), f"lexicon has more than {MAX_LEXICON_ENTRIES} entries")
            return None
        entries.append(LexiconEntry(entry, number))
    return Lexicon(name, path, display_path(path), entries, match)


# --- packs -------------------------------------------------------------------------------

def _check_fields(obj: PosDict, fields: dict, path: Path, out: _Collector, kind: str | None = None) -> bool:
    ok = True
    for key in obj:
        spec = fields.get(key)
        if spec is None or (kind is not None and kind not in spec[2]):
            where = f" for kind '{kind}'" if kind and spec is not None else ""
            out.add(path, obj.key_pos[key], f"unknown key '{key}'{where}")
            ok = False
            continue
        if not spec[0](obj[key]):
            out.add(path, obj.value_pos[key], f"'{key}' must be {expected(spec[0])}")
            ok = False
    for key, spec in fields.items():
        applies = kind is None or kind in spec[2]
        if spec[1] and applies and key not in obj:
            out.add(path, obj.pos, f"missing required key '{key}'")
            ok = False
    return ok


def _too_deep(text: str) -> int | None:
    """Offset of the first group opened deeper than MAX_PATTERN_DEPTH, if any."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth > MAX_PATTERN_DEPTH:
            return i
    return None


def _parse(text: str, path: Path, obj: PosDict, key: str, index: int | None, scalars, out) -> pat.Node | None:
    try:
        deep = _too_deep(text)  # counts parentheses in literals and regexes too: conservative
        if deep is not None:
            raise pat.PatternError(f"pattern nests groups more than {MAX_PATTERN_DEPTH} levels deep", deep)
        return pat.qualify_lexicons(pat.parse_pattern(text), path.parent.name)
    except pat.PatternError as err:
        value_pos = obj.value_pos[key] if index is None else obj[key].item_pos[index]
        scalar = scalars.get((value_pos.line, value_pos.column))
        pos = position_in_scalar(scalar, text, err.offset) if scalar else value_pos
        out.add(path, pos, f"in {key}: {err.message}")
        return None


def _outside(path: Path, pack_dir: Path, out: _Collector) -> bool:
    """A pack reads only its own files: a symbolic link out of the pack is refused, not followed."""
    try:
        path.resolve(strict=True).relative_to(pack_dir.resolve())
        return False
    except ValueError:
        problem = f"file links outside the pack (to {os.readlink(path)}); refused"
    except RuntimeError:
        problem = "file is a symbolic link loop; refused"
    except OSError as err:  # a dangling link
        problem = f"cannot read file: {err.strerror or err}"
    # named as found in the pack, not as the link resolves
    out.errors.append(LoadError(f"{display_path(path.parent)}/{path.name}", 1, 1, problem))
    return True


def load_pack(pack_dir: Path, techniques: dict[str, Technique], out: _Collector) -> Pack | None:
    manifest_path = pack_dir / "pack.yaml"
    if _outside(manifest_path, pack_dir, out):
        return None
    manifest, _ = out.load(manifest_path, MAX_RULE_FILE_BYTES)
    if not isinstance(manifest, dict):
        if manifest is not None:
            out.add(manifest_path, None, "the manifest must be a mapping")
        return None
    if not _check_fields(manifest, {k: (c, r, None) for k, (c, r) in MANIFEST_FIELDS.items()}, manifest_path, out):
        return None
    pack = Pack(
        name=manifest["name"], version=str(manifest["version"]), lang=manifest["language"], path=pack_dir,
        licence=manifest.get("licence", ""), description=manifest.get("description", ""),
        min_engine=str(manifest.get("min_engine", "0.0.0")), redirects=dict(manifest.get("redirects") or {}),
    )
    if _version_tuple(pack.min_engine) > _version_tuple(__version__):
        out.add(manifest_path, manifest.value_pos.get("min_engine"),
                f"pack needs propalint >= {pack.min_engine}, this is {__version__}")
        return None
    options = manifest.get("lexicons") or {}
    for name, opts in options.items():
        if not isinstance(opts, dict) or any(k not in LEXICON_OPTIONS or not LEXICON_OPTIONS[k](v) for k, v in opts.items()):
            out.add(manifest_path, options.value_pos[name], f"lexicon options for '{name}' must be {{match: norm|fold|lemma}}")
    lex_dir = pack_dir / "lexicons"
    if lex_dir.is_dir():
        for lex_path in sorted(lex_dir.glob("*.txt")):
            if _outside(lex_path, pack_dir, out):
                continue
            opts = options.get(lex_path.stem) if isinstance(options.get(lex_path.stem), dict) else {}
            lex = read_lexicon(lex_path, f"{pack_dir.name}/{lex_path.stem}", opts.get("match", "norm"), out)
            if lex:
                pack.lexicons[lex.name] = lex
    for rule_path in sorted(pack_dir.glob("*.yaml")):
        if rule_path.name != "pack.yaml" and not _outside(rule_path, pack_dir, out):
            _load_rule_file(rule_path, pack, techniques, out)
    return pack


def _load_rule_file(path: Path, pack: Pack, techniques, out: _Collector):
    data, scalars = out.load(path, MAX_RULE_FILE_BYTES)
    if data is None:
        return
    if not isinstance(data, list):
        out.add(path, getattr(data, "pos", None), "a rule file must be a YAML list of rules")
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            out.add(path, data.item_pos[index], "each rule must be a mapping")
            continue
        rule = _build_rule(item, path, pack, techniques, scalars, out)
        if rule:
            pack.rules.append(rule)


def _lexicon_ref(name: str, pack: Pack) -> str:
    """`@name` means this pack's lexicon; `@pack/name` any loaded pack's."""
    return name if "/" in name else f"{pack.path.name}/{name}"


def _build_rule(obj: PosDict, path: Path, pack: Pack, techniques, scalars, out: _Collector) -> Rule | None:
    kind = obj.get("kind") if obj.get("kind") in {"phrase", "pattern", "regex", "cooccurrence", "repetition"} else None
    errors_before = len(out.errors)
    if kind is None:
        out.add(path, obj.value_pos.get("kind", obj.pos), "'kind' must be one of phrase, pattern, regex, cooccurrence, repetition")
        # check what every kind shares; what a kind requires cannot be known without one
        shared = {k: (check, required and kinds == ALL, kinds) for k, (check, required, kinds) in RULE_FIELDS.items()}
        shared["kind"] = (lambda v: True, False, ALL)
        _check_fields(obj, shared, path, out, None)
        return None
    _check_fields(obj, RULE_FIELDS, path, out, kind)
    technique = obj.get("technique")
    if isinstance(technique, str) and techniques and technique not in techniques:
        out.add(path, obj.value_pos["technique"], f"unknown technique id '{technique}'")
    rid = obj.get("id", "")
    if isinstance(rid, str) and rid and not all(c.isalnum() or c in ".-_" for c in rid):
        out.add(path, obj.value_pos["id"], f"rule id '{rid}' may only use letters, digits, '.', '-' and '_'")

    def parse_key(key):
        return _parse(obj[key], path, obj, key, None, scalars, out) if isinstance(obj.get(key), str) else None

    def parse_list(key):
        items = obj.get(key) if isinstance(obj.get(key), list) else []
        return [_parse(s, path, obj, key, i, scalars, out) for i, s in enumerate(items) if isinstance(s, str)]

    rule = Rule(
        id=rid, kind=kind, technique=technique, message=obj.get("message", ""),
        severity=obj.get("severity", "warning"), confidence=float(obj["confidence"]) if isinstance(obj.get("confidence"), (int, float)) else 0.0,
        lang=pack.lang, source=f"{display_path(path)}:{obj.pos.line}", path=path, line=obj.pos.line,
        description=obj.get("description", ""), status=obj.get("status", "stable"),
        exclude=tuple(obj.get("exclude", ["speech"])), include=tuple(obj.get("include", [])),
        replaced_by=obj.get("replaced_by", ""),
    )
    unless = parse_list("unless")
    captures: set[str] = set()
    ex = obj.get("examples") if isinstance(obj.get("examples"), dict) else {}
    rule.examples = Examples(list(ex.get("hit", [])), list(ex.get("ok", [])), obj.value_pos.get("examples", obj.pos).line)
    if isinstance(obj.get("examples"), dict):
        rule.examples.hit_lines = [p.line for p in getattr(ex.get("hit"), "item_pos", [])]
        rule.examples.ok_lines = [p.line for p in getattr(ex.get("ok"), "item_pos", [])]
    if isinstance(obj.get("examples"), dict) and (len(rule.examples.hit) < 1 or len(rule.examples.ok) < 1):
        out.add(path, obj.value_pos["examples"], "examples need at least one 'hit' and one 'ok' sentence")
    nodes = []
    if kind == "phrase":
        names = []
        if obj.get("phrases") and isinstance(obj["phrases"], list):
            names.append(f"rule:{rid}")
            rule.inline_phrases = tuple(
                (text, obj["phrases"].item_pos[i].line) for i, text in enumerate(obj["phrases"])
            )
        for i, name in enumerate(obj.get("lexicons") or []):
            ref = _lexicon_ref(name.lstrip("@"), pack)
            names.append(ref)
        if not names:
            out.add(path, obj.pos, "a phrase rule needs 'phrases' or 'lexicons'")
        rule.lexicons = tuple(names)
        rule.pattern_text = " | ".join(list(obj.get("phrases") or [])[:5] + [f"@{n.lstrip('@')}" for n in obj.get("lexicons") or []])
    elif kind == "pattern":
        rule.pattern = parse_key("pattern")
        rule.pattern_text = obj.get("pattern", "").strip()
        nodes.append(rule.pattern)
    elif kind == "regex":
        from .regex_safety import check_regex

        problem = check_regex(obj.get("regex", "")) if isinstance(obj.get("regex"), str) else None
        if problem:
            out.add(path, obj.value_pos["regex"], problem)
        rule.regex, rule.guard = obj.get("regex", ""), tuple(g.lower() for g in obj.get("guard", []))
        rule.ignore_case, rule.unit = obj.get("ignore_case", True), obj.get("unit", "sentence")
        rule.pattern_text = rule.regex
        if not problem and isinstance(obj.get("regex"), str):
            import regex as _regex

            captures |= set(_regex.compile(rule.regex).groupindex)
    elif kind == "cooccurrence":
        rule.parts = tuple(parse_list("all"))
        rule.unit, rule.max_distance = obj.get("unit", "sentence"), obj.get("max_distance")
        rule.ordered = obj.get("ordered", False)
        report = obj.get("report", "all")
        rule.report = None if report == "all" else report
        if isinstance(obj.get("all"), list) and len(obj["all"]) < 2:
            out.add(path, obj.value_pos["all"], "a cooccurrence rule needs at least two patterns in 'all'")
        if rule.report is not None and isinstance(obj.get("all"), list) and rule.report >= len(obj["all"]):
            out.add(path, obj.value_pos["report"], "'report' names a part that does not exist")
        rule.pattern_text = " & ".join(s.strip() for s in obj.get("all", []) if isinstance(s, str))
        nodes.extend(rule.parts)
    elif kind == "repetition":
        rule.ngram = tuple(obj.get("ngram", [2, 4]))
        rule.min_count = obj.get("min_count", 2)
        rule.on = obj.get("form", "norm")
        rule.stopwords = _lexicon_ref(obj["stopwords"].lstrip("@"), pack) if obj.get("stopwords") else ""
        rule.pattern_text = f"repeated {rule.ngram[0]}-{rule.ngram[1]}-grams of content words"
    rule.unless = tuple(n for n in unless if n is not None)
    nodes.extend(rule.unless)
    for node in nodes:
        if node is not None:
            captures |= pat.capture_names(node)
    _check_message(obj, path, captures, out)
    if len(out.errors) > errors_before or any(n is None for n in nodes):
        return None
    return rule


def _check_message(obj: PosDict, path: Path, captures: set[str], out: _Collector):
    import string

    message = obj.get("message")
    if not isinstance(message, str):
        return
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
    except ValueError as err:
        out.add(path, obj.value_pos["message"], f"message template: {err}")
        return
    for name in fields:
        if name not in captures | {"match"}:
            out.add(path, obj.value_pos["message"], f"message uses {{{name}}}, which no capture defines")


def _check_references(ruleset: RuleSet, out: _Collector):
    lexicons = {name for p in ruleset.packs for name in p.lexicons}
    seen: dict[str, Rule] = {}
    for pack in ruleset.packs:
        for rule in pack.rules:
            if rule.id in seen:
                out.add(rule.path, Pos(rule.line, 3), f"duplicate rule id '{rule.id}' (first defined at {seen[rule.id].source})")
            seen.setdefault(rule.id, rule)
            nodes = [rule.pattern, *rule.parts, *rule.unless]
            refs = {n for node in nodes if node is not None for n in pat.lexicon_names(node)}
            refs |= {n for n in rule.lexicons if not n.startswith("rule:")}
            if rule.stopwords:
                refs.add(rule.stopwords)
            for ref in sorted(refs - lexicons):
                out.add(rule.path, Pos(rule.line, 3), f"rule '{rule.id}' refers to missing lexicon '@{ref}'")


def discover_packs(root: Path) -> list[Path]:
    if (root / "pack.yaml").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "pack.yaml").is_file()) if root.is_dir() else []


def load_rules(extra_dirs=(), *, include_default: bool = True, use_cache: bool = True) -> RuleSet:
    """Load and validate the default packs (unless told not to) and those of extra_dirs.

    A rule set that loaded without errors is cached on disk, keyed by every pack file's
    bytes and the engine version (see detector/cache.py): start-up then skips parsing.
    """
    from detector import cache

    roots = ([default_rules_dir()] if include_default else [default_rules_dir() / "techniques.yaml"])
    roots += [Path(d) for d in extra_dirs]
    key = f"rules-{cache.files_key('rules', roots)}.pickle" if use_cache else None
    cached = cache.load(key) if key else None
    if isinstance(cached, RuleSet):
        cached.cache_key = key
        return cached
    ruleset = _load_rules(extra_dirs, include_default)
    if key and not ruleset.errors:
        ruleset.cache_key = key
        cache.store(key, ruleset)
    return ruleset


def _load_rules(extra_dirs, include_default: bool) -> RuleSet:
    out = _Collector()
    ruleset = RuleSet()
    default = default_rules_dir()
    tech_path = default / "techniques.yaml"
    ruleset.techniques = load_techniques(tech_path, out)
    roots = ([default] if include_default else []) + [Path(d) for d in extra_dirs]
    for root in roots:
        found = discover_packs(root)
        if not found and root != default:
            out.add(root, None, "no rule pack here (a pack is a folder with pack.yaml)")
        for pack_dir in found:
            pack = load_pack(pack_dir, ruleset.techniques, out)
            if pack:
                ruleset.packs.append(pack)
    _check_references(ruleset, out)
    ruleset.errors = out.errors
    if ruleset.errors:
        bad = {(e.path, e.line) for e in ruleset.errors}
        for pack in ruleset.packs:
            pack.rules = [r for r in pack.rules if (display_path(r.path), r.line) not in bad]
    return ruleset
