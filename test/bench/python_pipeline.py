"""The pipeline a Python user would otherwise write, for `make bench` to compare.

Reads a folder of text files with the Hugging Face `datasets` text loader (one
document per file), normalizes with unicodedata (NFC), splits sentences with
pySBD, and writes Parquet with pandas. Prints one JSON line: bytes, seconds, MB/s.
"""
import json
import os
import sys
import time
import unicodedata

import pysbd
from datasets import load_dataset

LANG_BY_SCRIPT = {"Deva": "hi", "Arab": "ur", "Hani": "zh", "Cyrl": "ru"}


def script_of(text):
    for ch in text:
        o = ord(ch)
        if 0x0900 <= o <= 0x097F:
            return "Deva"
        if 0x0600 <= o <= 0x06FF:
            return "Arab"
        if 0x4E00 <= o <= 0x9FFF:
            return "Hani"
        if 0x0400 <= o <= 0x04FF:
            return "Cyrl"
        if ch.isalpha():
            return "Latn"
    return "Zyyy"


def main(folder, out):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".txt"))
    total = sum(os.path.getsize(f) for f in files)
    start = time.perf_counter()
    ds = load_dataset("text", data_files=files, sample_by="document", split="train",
                      cache_dir=os.path.join(out, "hf-cache"))
    segmenters = {}
    rows = []
    for rec in ds:
        text = unicodedata.normalize("NFC", rec["text"]).strip()
        lang = LANG_BY_SCRIPT.get(script_of(text), "en")
        seg = segmenters.get(lang)
        if seg is None:
            seg = segmenters[lang] = pysbd.Segmenter(language=lang, clean=False, char_span=False)
        sentences = []
        for para in text.split("\n"):
            if para.strip():
                sentences.extend(seg.segment(para))
        rows.append({"text": text, "num_sentences": len(sentences)})
    import pandas as pd
    pd.DataFrame(rows).to_parquet(os.path.join(out, "python.parquet"), compression="zstd")
    secs = time.perf_counter() - start
    print(json.dumps({"bytes": total, "seconds": round(secs, 2), "mb_per_s": round(total / 1e6 / secs, 3)}))


if __name__ == "__main__":
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    main(sys.argv[1], sys.argv[2])
