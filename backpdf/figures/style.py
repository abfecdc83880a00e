"""The one drawing style, in printed millimetres (ISO 7001 / AIGA pictogram manner).

Widths of the body follow the figure's scale (a limb is a fixed share of body height, so a
bigger picture has bolder limbs); every other line has a floor in millimetres so that even
a 2.5 cm checklist thumbnail survives a photocopier. Greys are chosen to stay apart after
a black-and-white copy: black for what is near, mid grey for the far limbs, light grey for
the start position behind the end position.
"""

MIN_LINE_MM = 0.5           # nothing printed thinner than this, at any size
BLACK = 0.0
FAR_GREY = 0.55
GHOST_GREY = 0.80
PROP_FILL = 0.88
WHITE = 1.0

HALO = 0.012                # white gap around near parts, in body heights
PROP_LINE = 0.010           # prop outlines and the floor, in body heights (floored at MIN)
FLOOR_LINE = 0.014
BAND_LINE = 0.014
ARROW_LINE = 0.024
ARROW_HEAD = 0.075          # arrowhead length, body heights
ARROW_MIN = 0.18            # shortest arrow, body heights
PUSH_LENGTH = 0.12          # a push arrow's length, and its gap to the point pushed
PUSH_GAP = 0.05
ARROW_SHIFT = 0.10          # how far `shift` moves an arrow off the body, body heights
MARGIN = 0.05               # empty border around everything, body heights
CLOSE_UP_LINES = 0.45       # arrows in a head-and-shoulders picture, relative to its zoom
NUMBER_HEIGHT = 0.16        # frame numbers in a sequence, body heights
