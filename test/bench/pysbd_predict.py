"""Sentence-boundary predictions of pySBD for a gold file of the segmentation
development data, for `make eval`'s comparison row. Prints one
{"ends": [...]} line per unit (code-point offsets), as the scorer reads them.

    python pysbd_predict.py LANG GOLD.jsonl > pred.jsonl
"""
import json
import sys

import pysbd


def main(lang, gold):
    seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    with open(gold, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            ends = []
            for span in seg.segment(text):
                end = span.end
                while end > span.start and text[end - 1].isspace():
                    end -= 1
                if end > span.start:
                    ends.append(end)
            print(json.dumps({"ends": ends}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
