"""Process exit codes, documented in the README. Distinct so CI can tell them apart."""

OK = 0  # nothing found
FINDINGS = 1  # at least one hit (or a failing rule example in `rules test`)
USAGE = 2  # bad command line, unreadable or undecodable input
RULE_PACK = 3  # a rule pack failed validation
