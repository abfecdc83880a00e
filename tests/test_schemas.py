"""The schema check's shortcut (schemas._valid_property_by_property: a program checked one
property at a time, values that passed remembered) must never call a document valid that
the full check rejects, however the values mix and repeat."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from backpdf import schemas
from backpdf.loading import Document

GOOD = {
    "patient": st.sampled_from(["Ann Lee", "Nguyễn Thị Lan"]),
    "date": st.sampled_from(["2026-11-21"]),
    "exercises": st.sampled_from([["cat-cow", "bridge"], [{"id": "bridge", "dose": {"reps": 10}}]]),
    "conditions": st.sampled_from([["osteoporosis"], []]),
    "layout": st.sampled_from(["standard"]),
}
BAD = {
    "patient": st.sampled_from(["x" * 201, 7, None]),
    "date": st.sampled_from(["tomorrow", 20261121]),
    "exercises": st.sampled_from([[{"id": "bridge", "dose": {"reps": 0}}], "cat-cow", [["bridge"]],
                                  [{"id": "bridge", "dose": {"reps": "ten"}}]]),
    "conditions": st.sampled_from([["osteoporosis", "osteoporosis"], "osteoporosis"]),
    "unknown_key": st.sampled_from(["x"]),
}


@st.composite
def programs(draw) -> dict:
    data = {}
    for name in draw(st.sets(st.sampled_from(sorted(GOOD.keys() | BAD.keys())))):
        choices = [table[name] for table in (GOOD, BAD) if name in table]
        data[name] = draw(st.one_of(*choices))
    return data


@settings(max_examples=300, deadline=None)
@given(data=programs())
def test_the_shortcut_agrees_with_the_full_check(data):
    valid = schemas._validator("program").is_valid(data)
    assert schemas._valid_property_by_property(data, "program") in ((True, False) if valid else (False,))
    problems = schemas.schema_problems(Document(Path("p.yaml"), data, {}), "program")
    assert (problems == []) == valid


def test_a_remembered_value_is_still_judged_under_its_own_property():
    schemas._passed_values.clear()
    twice = ["osteoporosis", "osteoporosis"]  # an exercise may come twice; a condition may not
    assert schemas._valid_property_by_property({"exercises": twice}, "program")
    assert not schemas._valid_property_by_property({"conditions": twice}, "program")


def test_a_schema_that_is_not_a_closed_object_of_properties_is_always_checked_in_full():
    assert not schemas._valid_property_by_property({}, "library")  # its top level has `required`
