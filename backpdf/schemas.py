"""Check loaded documents against the JSON Schemas in `backpdf/schema/`, in plain words.

jsonschema's own messages ("'ten' is not of type 'integer'") are for programmers. Each
error here becomes `file:line: exercise 'bird-dog': dose.reps must be a whole number >= 1
(got 'ten')`: the line comes from the document's line map, the object from the nearest list
item with an `id`, and the wording from the failing keyword. A schema can supply its own
wording for a rule with an `x-message` key (used for patterns and either/or shapes).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from backpdf.errors import Problem
from backpdf.resources import schema_dir
from backpdf.suggest import did_you_mean

if TYPE_CHECKING:
    from backpdf.loading import Document

# How a list's items are called on their own: "exercise 'bird-dog'", "template 'walking'".
_ITEM_NAMES = {
    "exercises": "exercise",
    "conditions": "condition",
    "templates": "template",
}
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a set of `key: value` lines",
    "boolean": "true or false",
}


SCHEMA_KINDS = ("library", "program", "clinic", "layout")  # the files a user writes
_ALL_SCHEMAS = (*SCHEMA_KINDS, "vocabulary", "picture", "translation")
SCHEMA_FILES = {kind: f"{kind}.schema.json" for kind in _ALL_SCHEMAS}


@cache
def schema(kind: str) -> dict:
    """The published schema for `kind` (library, program, clinic, layout)."""
    text = (schema_dir() / SCHEMA_FILES[kind]).read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str):
    import jsonschema  # imported here: only commands that read files pay for it
    from referencing import Registry, Resource

    # Schemas refer to each other's $defs (a program entry is defined once, in the library
    # schema), so all of them go into one registry keyed by their $id.
    registry = Registry().with_resources(
        (schema(name)["$id"], Resource.from_contents(schema(name))) for name in SCHEMA_FILES)
    cls = jsonschema.validators.validator_for(schema(kind))
    return cls(schema(kind), registry=registry)


def schema_problems(doc: Document, kind: str) -> list[Problem]:
    """Every schema violation in `doc`, as plain-language problems in file order."""
    if _valid_property_by_property(doc.data, kind):
        return []
    problems = []
    for error in _specific_errors(_validator(kind).iter_errors(doc.data)):
        path = tuple(error.absolute_path)
        obj, field = describe_path(doc.data, path)
        message = _message(error, field, obj)
        problems.append(doc.problem(message, _error_path(error, path), obj))
    return sorted(problems, key=lambda p: (p.line or 0, p.message))


# Values (other than texts) that passed under a property name: a batch checks the same
# exercise list, in row after row of a roster, and validating its eight entries against
# their either/or shapes was a tenth of a handout's time.
PASSED_VALUES_KEPT = 4096
_passed_values: set[tuple[str, str, str]] = set()
_TOP_LEVEL_OF_A_CLOSED_OBJECT = {"$schema", "$id", "title", "description", "type", "additionalProperties",
                                 "properties"}


def _valid_property_by_property(data: Any, kind: str) -> bool:
    """True when `data` is valid, checked one property at a time, remembering the values
    that passed; False means only "not known to be valid" (the full check then says why)."""
    validators = _property_validators(kind)
    if validators is None or not isinstance(data, dict):
        return False
    for name, value in data.items():
        validator = validators.get(name) if isinstance(name, str) else None
        if validator is None:
            return False
        key = (kind, name, repr(value))  # equal reprs: equal values, for data read from YAML or CSV
        if key in _passed_values:
            continue
        if not validator.is_valid(value):
            return False
        if not isinstance(value, str):  # texts (names, notes) are mostly new each time
            if len(_passed_values) >= PASSED_VALUES_KEPT:
                _passed_values.clear()
            _passed_values.add(key)
    return True


@cache
def _property_validators(kind: str) -> dict | None:
    """A validator per property of `kind`'s schema, when its top level is a closed object
    of properties and nothing else (then a document is valid exactly when each of its keys
    is a property and each value valid); None for any other schema."""
    top = schema(kind)
    closed = top.get("type") == "object" and top.get("additionalProperties") is False
    if not closed or set(top) - _TOP_LEVEL_OF_A_CLOSED_OBJECT:
        return None
    return {name: _validator(kind).evolve(schema=rule) for name, rule in top["properties"].items()}


def _specific_errors(errors):
    """Replace an either/or failure by the errors of the branch the value was meant for.

    A program entry is "an id, or a mapping with id/dose/note"; when a mapping breaks a
    rule inside, saying which rule (dose.reps ...) helps more than "matches neither shape".
    """
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            branches: dict = {}
            for sub in error.context:
                branches.setdefault(sub.relative_schema_path[0], []).append(sub)
            meant = [subs for subs in branches.values()
                     if not any(e.validator == "type" and not e.relative_path for e in subs)]
            if len(meant) == 1:
                yield from _specific_errors(meant[0])
                continue
        yield error


def describe_path(data: Any, path: tuple) -> tuple[str | None, str]:
    """Split a data path into the object it belongs to and the field inside it.

    ("exercises", 3, "dose", "reps") -> ("exercise 'bird-dog'", "dose.reps")
    """
    obj, start = None, 0
    node = data
    for i, key in enumerate(path):
        parent_key = path[i - 1] if i else None
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(key, int) and parent_key in _ITEM_NAMES:
            label = _ITEM_NAMES[parent_key]
            ident = node.get("id") if isinstance(node, dict) else None
            if isinstance(ident, str) and ident:
                obj = f"{label} '{ident}'"
            else:
                obj = f"{label} #{key + 1}"
            start = i + 1
    return obj, field_name(path[start:])


def field_name(path: tuple) -> str:
    """("dose", "reps") -> "dose.reps"; ("steps", 2) -> "steps #3"."""
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f" #{key + 1}"
        else:
            text += f".{key}" if text else str(key)
    return text.strip()


def _error_path(error, path: tuple) -> tuple:
    """Point at the offending key itself for unknown keys, so the line is the key's line."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = _extra_keys(error)
        if extra:
            return path + (extra[0],)
    return path


def _extra_keys(error) -> list:
    allowed = set(error.schema.get("properties", {}))
    return [k for k in error.instance if k not in allowed]


def _got(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _whole_number_words(schema_: dict) -> str:
    low, high = schema_.get("minimum"), schema_.get("maximum")
    if low is not None and high is not None:
        return f"a whole number from {low} to {high}"
    if low is not None:
        return f"a whole number >= {low}"
    if high is not None:
        return f"a whole number <= {high}"
    return "a whole number"


def _type_words(schema_: dict) -> str:
    kind = schema_.get("type")
    if kind == "integer":
        return _whole_number_words(schema_)
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS.get(k, str(k)) for k in kind)
    return _TYPE_WORDS.get(str(kind), str(kind))


def _message(error, field: str, obj: str | None) -> str:
    """Plain words for one jsonschema error."""
    s = error.schema
    subject = field or ("this entry" if obj else "the file")
    # The whole file of the wrong shape may not be a backpdf file at all (a path typed by
    # mistake, /etc/passwd): its content is never quoted.
    got = f" (got {_got(error.instance)})" if error.absolute_path else ""
    custom = s.get("x-message") if isinstance(s, dict) else None
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{subject + ' is ' if field else ''}missing required key '{missing}'"
    if v == "additionalProperties":
        extra = _extra_keys(error)
        allowed = sorted(s.get("properties", {}))
        key = extra[0] if extra else "?"
        suggestion = did_you_mean(str(key), allowed, f"allowed: {', '.join(allowed)}")
        where = f" in {field}" if field else ""
        return f"unknown key '{key}'{where}{suggestion}"
    if custom and v in ("pattern", "oneOf", "anyOf"):
        return f"{subject} {custom}{got}"
    if v == "type" or (v in ("minimum", "maximum") and s.get("type") == "integer"):
        return f"{subject} must be {_type_words(s)}{got}"
    if v in ("minimum", "maximum"):
        return f"{subject} must be {'at least' if v == 'minimum' else 'at most'} {error.validator_value}{got}"
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        suggestion = did_you_mean(str(error.instance), options)
        return f"{subject} must be one of: {', '.join(options)}{got}{suggestion}"
    if v == "const":
        return f"{subject} must be {error.validator_value}{got}"
    if v in ("minItems", "maxItems"):
        low, high = s.get("minItems"), s.get("maxItems")
        count = len(error.instance)
        if low is not None and high is not None:
            return f"{subject} must have {low} to {high} items (got {count})"
        if low is not None:
            return f"{subject} must have at least {low} item{'s' if low != 1 else ''} (got {count})"
        return f"{subject} must have at most {high} items (got {count})"
    if v == "minLength":
        return f"{subject} must not be empty"
    if v == "maxLength":
        return f"{subject} is too long: at most {error.validator_value} characters (got {len(error.instance)})"
    if v == "uniqueItems":
        return f"{subject} lists the same item twice"
    if v == "pattern":
        return f"{subject} has the wrong format{got}"
    if v == "minProperties":
        return f"{subject} must not be empty"
    return f"{subject}: {error.message}"
