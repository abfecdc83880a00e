"""The handouts the byte-for-byte tests make (test_same_bytes, test_drawn_paragraphs): one
clinic, one day, the 8-exercise handout of the benchmarks, every bundled layout."""

from __future__ import annotations

import datetime as dt

from backpdf.model import Clinic

TODAY = dt.date(2026, 11, 21)
CLINIC = Clinic(name="Riverside Physio", phone="555-0100", video_base_url="https://clinic.example/videos/")
EIGHT = ("cat-cow", "pelvic-tilt", "bird-dog", "bridge", "knee-to-chest", "piriformis-stretch",
         "childs-pose", "walking")
LAYOUTS = ("standard", "compact", "large-print", "one-per-page", "checklist")
