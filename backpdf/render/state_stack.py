"""reportlab's graphics-state stack, kept as tuples instead of dictionaries.

Every flowable is drawn between a `saveState` and a `restoreState` (platypus's
`Flowable.drawOn`), some 340 times a handout, and reportlab copies the canvas's 23 state
attributes into a new dictionary one by one at each save: about a twentieth of a warm
render. Here a save takes them in one C call (`operator.itemgetter`) and a restore puts
them back with `dict.update`, the same attributes with the same values, so the page
operators are the same bytes (tests/test_same_bytes.py).

It relies on reportlab's `Canvas.STATE_ATTRIBUTES`, `state_stack` and `_extgstate`
(reportlab <6, pinned in pyproject.toml); tests/test_state_stack.py checks that a save and
restore leave the canvas as reportlab's own would.
"""

from __future__ import annotations

from operator import itemgetter

from reportlab.pdfgen.canvas import Canvas

_NAMES = tuple(Canvas.STATE_ATTRIBUTES)
_take = itemgetter(*_NAMES)


class QuickStateStack:
    """Mixin for a reportlab Canvas subclass: reportlab's push/pop of the state stack."""

    state_stack: list
    _extgstate: object

    def push_state_stack(self) -> None:
        self.state_stack.append(_take(self.__dict__))
        self._extgstate = self._extgstate.pushCopy()  # type: ignore[attr-defined]

    def pop_state_stack(self) -> None:
        self.__dict__.update(zip(_NAMES, self.state_stack.pop()))
