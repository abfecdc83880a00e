"""backpdf: printable back-pain exercise handouts from a clinic's exercise library.

The pipeline is load -> resolve -> render -> write (see README, "How it works"); this
package root stays import-light so that `backpdf --help` does not pay for reportlab.
"""

__version__ = "0.1.0"
