"""A library with a mistake gets one clear line naming file, line, object and rule."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from backpdf.errors import BackpdfError
from backpdf.library_file import load_library

GOOD = textwrap.dedent("""\
    version: 1
    red_flags:
      title: Stop and call your doctor if
      items:
        - Pain spreads below the knee.
    guidance:
      - Move slowly.
    conditions:
      - id: osteoporosis
        name: Osteoporosis
    exercises:
      - id: pelvic-tilt
        name: Pelvic tilt
        areas: [lower-back]
        kind: strengthening
        steps:
          - Lie on your back.
          - Tighten your belly.
        dose: {reps: 8, hold_seconds: 5}
        cautions: [Stop if it hurts.]
        video: pelvic-tilt
      - id: bird-dog
        name: Bird-dog
        areas: [lower-back]
        kind: strengthening
        steps:
          - Kneel on all fours.
          - Lift one arm and the other leg.
        dose:
          reps: 8
          sets: 2
        avoid_if: [osteoporosis]
        video: https://clinic.example/bird-dog
    """)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> BackpdfError:
    with pytest.raises(BackpdfError) as caught:
        load_library(write(tmp_path, text))
    return caught.value


def test_good_library_loads(tmp_path):
    library = load_library(write(tmp_path, GOOD))
    assert list(library.exercises) == ["pelvic-tilt", "bird-dog"]
    assert library.exercises["bird-dog"].dose.sets == 2


def test_wrong_type_names_file_line_object_and_rule(tmp_path):
    path = write(tmp_path, GOOD.replace("reps: 8\n      sets: 2", "reps: ten\n      sets: 2"))
    with pytest.raises(BackpdfError) as caught:
        load_library(path)
    line = GOOD.splitlines().index("      reps: 8") + 1
    assert str(caught.value) == (f"{path}:{line}: exercise 'bird-dog': "
                                 "dose.reps must be a whole number from 1 to 100 (got 'ten')")


def test_every_problem_is_kept(tmp_path):
    text = GOOD.replace("kind: strengthening", "kind: strength").replace("reps: 8,", "reps: 0,")
    problems = error_for(tmp_path, text).problems
    messages = [p.message for p in problems]
    assert len(problems) == 3
    assert any("kind must be one of" in m and "did you mean 'strengthening'" in m for m in messages)
    assert [p.line for p in problems] == sorted(p.line for p in problems)


@pytest.mark.parametrize("change, expected", [
    (("id: bird-dog", "id: pelvic-tilt"), "duplicate id: 'pelvic-tilt' is also used on line 12"),
    (("areas: [lower-back]\n    kind: strengthening\n    steps:\n      - Kneel",
      "areas: [lower-bak]\n    kind: strengthening\n    steps:\n      - Kneel"),
     "areas #1 must be one of: neck, upper-back, mid-back, lower-back (got 'lower-bak'); did you mean 'lower-back' or 'upper-back'?"),
    (("avoid_if: [osteoporosis]", "avoid_if: [osteoporsis]"),
     "avoid_if: unknown condition 'osteoporsis'; did you mean 'osteoporosis'?"),
    (("video: https://clinic.example/bird-dog", "video: javascript:alert(1)"),
     "video: a link must start with https:// or http:// (got javascript:)"),
    (("video: https://clinic.example/bird-dog", "video: https://user:pw@clinic.example/x"),
     "video: a link must not contain a user name or password"),
    (("- Tighten your belly.", "- Tighten your belly.\n      - Hold.\n      - Hold.\n      - Hold.\n"
      "      - Hold.\n      - Hold.\n      - Hold.\n      - Hold."), "steps must have 2 to 8 items (got 9)"),
    (("    cautions: [Stop if it hurts.]", "    caution: [Stop if it hurts.]"),
     "unknown key 'caution'; did you mean 'cautions' or 'caution_if'?"),
])
def test_rule_violations(tmp_path, change, expected):
    assert change[0] in GOOD
    error = error_for(tmp_path, GOOD.replace(*change, 1))
    assert expected in str(error)
    assert error.problems[0].line is not None


def test_duplicate_yaml_keys_name_both_lines(tmp_path):
    error = error_for(tmp_path, GOOD.replace("    kind: strengthening\n", "    kind: strengthening\n    kind: stretching\n", 1))
    assert "duplicate key 'kind' (first given on line 15)" in str(error)
    assert error.problems[0].line == 16


@pytest.mark.parametrize("text, expected", [
    ("", "file is empty"),
    ("# only a comment\n", "no content"),
    ("version: 1\n\tred_flags: x\n", "tab"),
    ("!!python/object/apply:os.system ['echo hi']\n", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("- a list\n- not a mapping\n", "the file must be a set of `key: value` lines"),
    ("version: 1\nname: \"bell\x07\"\n", "control character U+0007"),
])
def test_broken_yaml(tmp_path, text, expected):
    assert expected in str(error_for(tmp_path, text))


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "(alias expansion)" in str(error_for(tmp_path, "\n".join(lines) + "\n"))


@pytest.mark.parametrize("encoding, expected", [("latin-1", "not UTF-8"), ("utf-16", "UTF-16")])
def test_wrong_encoding_is_named(tmp_path, encoding, expected):
    path = tmp_path / "exercises.yaml"
    path.write_bytes(GOOD.replace("Move slowly.", "Bougez lentement, façon douce.").encode(encoding))
    with pytest.raises(BackpdfError) as caught:
        load_library(path)
    assert expected in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(BackpdfError, match="file not found"):
        load_library(tmp_path / "nope.yaml")
