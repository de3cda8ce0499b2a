"""Tools for the people who maintain lexicons: validate, lint, test, learn, edit and export.

One module per concept:

- :mod:`.validate`: schema check of lexicon files (the rules live in :func:`asrfix.lexicon.parse_lexicon`);
- :mod:`.lint`: warnings about entries that are valid but likely wrong or weak;
- :mod:`.runner`: runs every entry's examples through the full default pipeline, like a test runner;
- :mod:`.learn`: proposes entries from a recogniser's output and a person's corrected version;
- :mod:`.edit`: adds entries and misrecognitions to a file, keeping its comments and layout byte for byte;
- :mod:`.export`: writes a lexicon in the formats of other recognisers (AWS, Speechmatics, Whisper, TSV).

The command line over them is ``asrfix lexicon ...`` (:mod:`asrfix.cli.lexicon_cmd`).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SCHEMA_PATH"]

#: The JSON Schema of the lexicon format, shipped inside the package so editors can validate YAML as it is typed.
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "lexicon.schema.json"
