#!/usr/bin/env python3
"""Derive resources/data/tatoeba-paraphrase.tsv from manythings.org's fra.txt ("English<TAB>French" lines).

Keeps every French sentence that has at least 2 distinct English translations, and writes one
"French<TAB>English" line per (French, distinct English) pair: French sentences in the order of their
first line in fra.txt, each one's English sentences in file order. Two English sentences sharing a
French sentence are paraphrases (DiveLab's stand-in for D2L's SNLI fine-tuning, issue 14).

usage: make_tatoeba_paraphrase.py fra.txt tatoeba-paraphrase.tsv
"""
import sys


def main(source, target):
    english_of = {}  # French -> distinct English sentences in file order (dicts keep insertion order)
    with open(source, encoding="utf-8", newline="") as f:
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < 2:
                continue
            english, french = parts[0], parts[1]
            english_of.setdefault(french, {}).setdefault(english, None)
    groups = [(french, list(english)) for french, english in english_of.items() if len(english) >= 2]
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        for french, english in groups:
            for sentence in english:
                f.write(f"{french}\t{sentence}\n")
    pairs = sum(len(e) * (len(e) - 1) // 2 for _, e in groups)
    lines = sum(len(e) for _, e in groups)
    print(f"{len(groups)} French sentences, {lines} lines, {pairs} paraphrase pairs", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
