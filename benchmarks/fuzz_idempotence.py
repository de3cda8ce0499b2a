"""How often correcting asrfix's output a second time changes it again, on random text.

Run:  python benchmarks/fuzz_idempotence.py [--texts 20000] [--seed 1] [--glued]

Each text is 3 to 25 words drawn at random from the shipped lexicons' terms, listed misrecognitions and context
words, with a few everyday words, lower-cased and joined by spaces, line breaks, commas and full stops: text
dense with the forms the correctors act on, where one change can give another its context. Every text is
corrected with the default pipeline and the three shipped lexicons, then the output is corrected again; the
script counts the texts whose second correction changes something, by the correctors of the first and the
second pass, with an example of each. With --glued, some words are also glued to the next (no separator, or an
apostrophe or hyphen between them), as recognisers sometimes write them.
"""

from __future__ import annotations

import argparse
import collections
import random

import asrfix

LEXICONS = ("china-news", "organisations", "world-places")
SEPARATORS = [" "] * 6 + ["\n", ", ", ". "]
GLUED = ["", "", "'", "-"]


def vocabulary() -> list[str]:
    words: set[str] = set()
    for name in LEXICONS:
        for entry in asrfix.load_lexicon(name).entries:
            words.update(entry.term.split())
            for mis in entry.misrecognitions:
                words.update(mis.text.split())
            for context in entry.context:
                words.update(context.split())
    return sorted(words) + ["the", "a", "of", "in", "said", "and"] * 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--glued", action="store_true", help="glue some words to the next")
    args = parser.parse_args()
    separators = SEPARATORS + GLUED if args.glued else SEPARATORS
    pipeline = asrfix.Pipeline(lexicons=list(LEXICONS))
    words = vocabulary()
    rng = random.Random(args.seed)
    counts: collections.Counter[tuple[tuple[str, ...], tuple[str, ...]]] = collections.Counter()
    examples: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, str, list[tuple[str, str]]]] = {}
    for _ in range(args.texts):
        text = "".join(rng.choice(words).lower() + rng.choice(separators) for _ in range(rng.randint(3, 25)))
        first = pipeline.correct(text)
        second = pipeline.correct(first.text)
        if second.changes:
            kind = (
                tuple(sorted({c.corrector for c in first.changes})),
                tuple(sorted({c.corrector for c in second.changes})),
            )
            counts[kind] += 1
            examples.setdefault(kind, (text, first.text, [(c.before, c.after) for c in second.changes]))
    glued = ", some words glued" if args.glued else ""
    again_count = sum(counts.values())
    print(f"{args.texts:,} texts (seed {args.seed}{glued}): {again_count} changed again on a second correction")
    for kind, count in counts.most_common():
        text, output, again = examples[kind]
        print(f"  {count}: first pass by {', '.join(kind[0])}, second by {', '.join(kind[1])}; e.g. {text!r}")
        print(f"     -> {output!r}, then {again}")


if __name__ == "__main__":
    main()
