"""The rule author's workbench: trace a rule on a text, measure rules on a corpus, suggest
new rules from it, and generate the Markdown reference of the packs.

Nothing here is on the linting path: these modules may be slow and thorough, the engine may not.
"""
