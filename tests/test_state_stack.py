"""The tuple-based graphics-state stack behaves exactly as reportlab's own."""

import io

from reportlab.pdfgen.canvas import Canvas

from backpdf import typeface
from backpdf.render.state_stack import QuickStateStack


class Quick(QuickStateStack, Canvas):
    pass


def _draw(canvas: Canvas) -> list:
    """Nested saves and restores around state changes; the state seen at every step."""
    typeface.register_fonts()
    seen = []

    def state():
        return {name: getattr(canvas, name) for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate"}

    canvas.setFont(typeface.REGULAR, 11)
    seen.append(state())
    canvas.saveState()
    canvas.translate(20, 30)
    canvas.setFont(typeface.BOLD, 14)
    canvas.setFillColorRGB(0.2, 0.4, 0.6)
    canvas.setLineWidth(2.5)
    seen.append(state())
    canvas.saveState()
    canvas.setFillAlpha(0.5)
    canvas.setDash(3, 2)
    canvas.rotate(15)
    seen.append(state())
    canvas.restoreState()
    seen.append(state())
    canvas.drawString(0, 0, "after one restore")
    canvas.restoreState()
    seen.append(state())
    canvas.drawString(0, 0, "after both")
    return seen


def test_the_same_states_and_operators_as_reportlabs_stack():
    ours, theirs = Quick(io.BytesIO(), invariant=1), Canvas(io.BytesIO(), invariant=1)
    assert _draw(ours) == _draw(theirs)
    assert ours._code == theirs._code
    assert ours.state_stack == [] and theirs.state_stack == []
    # the transparency set inside was undone by the restore, as in reportlab's
    assert ours._extgstate._d == theirs._extgstate._d


def test_a_restore_gives_back_the_saved_values_not_later_changes():
    canvas = Quick(io.BytesIO())
    canvas.setLineWidth(1)
    canvas.saveState()
    canvas.setLineWidth(7)
    canvas.restoreState()
    assert canvas._lineWidth == 1
