"""`python -m backpdf` runs the same CLI as the `backpdf` command."""

from backpdf.cli import main

main()
