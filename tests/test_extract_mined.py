"""The mined cue lexicon: the shipped file's provenance and columns, and the miner on a tiny corpus."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from attribtrack.extractor.lexicon import CUE_CLASSES

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"subject-before", "trailing", "passive-by", "nominal", "punctuation", "other"}


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    header = [line for line in text.splitlines() if line.startswith("#")]
    body = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return header, body


def test_shipped_file_says_how_it_was_made_and_its_columns_hold() -> None:
    text = resources.files("attribtrack").joinpath("data", "mined_cues.tsv").read_text(encoding="utf-8")
    header, body = _rows(text)
    assert any("training/mine_cues.py" in h for h in header)
    assert any("precision >=" in h and "chosen on dev" in h for h in header)
    assert body[0] == ["phrase", "class", "shape", "cue", "seen", "precision"]
    for phrase, klass, shape, cue, seen, precision in body[1:]:
        assert klass in (*CUE_CLASSES, "-") and shape in SHAPES
        assert 0 < int(cue) <= int(seen)
        assert float(precision) == round(int(cue) / int(seen), 3)
        assert 1 <= len(phrase.split()) <= 4
    counts = [int(r[3]) for r in body[1:]]
    assert counts == sorted(counts, reverse=True)


def _corpus(root: Path) -> None:
    # Self-written articles in PolNeAR's layout (brat standoff), two splits.
    docs = {
        "train": [
            ("t1", "Ana Ruiz said the ferry is safe. Tom Berg said nothing new."),
            ("t2", "The bridge is closed, the mayor said. Critics fumed at the plan."),
            ("t3", "Officials said the port reopened."),
        ],
        "dev": [("d1", "Jan Mol said the dyke held.")],
    }
    for split, items in docs.items():
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir(parents=True)
        for name, text in items:
            (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
            lines, n = [], 0
            for sentence_cue in ("said", "fumed at"):
                at = text.find(sentence_cue)
                if at < 0:
                    continue
                n += 1
                lines += [
                    f"T{3 * n - 2}\tSource {0} {at - 1}\t{text[0 : at - 1]}",
                    f"T{3 * n - 1}\tCue {at} {at + len(sentence_cue)}\t{sentence_cue}",
                    f"T{3 * n}\tContent {at + len(sentence_cue) + 1} {len(text) - 1}\tx",
                    f"E{n}\tAttribution:T{3 * n - 1} Source:T{3 * n - 2} Cue:T{3 * n - 1} Content:T{3 * n}",
                ]
            (root / split / "attributions" / f"{name}_a1.ann").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )


def test_miner_counts_train_only_and_reproduces_its_bytes(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"m{n}.tsv"
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "training" / "mine_cues.py"),
                str(tmp_path / "corpus"),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    _, body = _rows(outs[0].decode("utf-8"))
    said = next(r for r in body if r[0] == "said")
    # train: "said" is annotated once per article (3) and occurs 4 times; dev is never counted
    assert said[1:] == ["speech", "subject-before", "3", "4", "0.750"]
    assert "fumed at" not in [r[0] for r in body]  # one annotation: under every count threshold


def test_miner_rejects_a_folder_without_train(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "training" / "mine_cues.py"),
            str(tmp_path),
            "--out",
            str(tmp_path / "o.tsv"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 3 and done.stderr.startswith("mine_cues: error:")
    assert not (tmp_path / "o.tsv").exists()
