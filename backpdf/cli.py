"""The `backpdf` command: parse options, call the API, print, exit.

Exit codes: 0 done; 1 `validate` found problems; 2 a user error (bad file, unknown id,
bad option), reported as one line on stderr with no traceback and no output file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sys
import time
import traceback
from pathlib import Path

import click

from backpdf import __version__
from backpdf.errors import BackpdfError
from backpdf.terms import AREAS, KINDS



def fail(message: str) -> None:
    click.echo(f"backpdf: error: {message}", err=True)
    sys.exit(2)


def warn(message: str) -> None:
    click.echo(f"backpdf: warning: {message}", err=True)


class BackpdfGroup(click.Group):
    """Turns user errors into one line on stderr and exit code 2, for every command."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or "backpdf", complete_var,
                                standalone_mode=False, **extra)
        except click.exceptions.UsageError as exc:
            fail(exc.format_message().replace("\n", " "))
        except BackpdfError as exc:
            fail(str(exc))
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("backpdf: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: say so in one line; BACKPDF_DEBUG=1 shows the traceback
            if os.environ.get("BACKPDF_DEBUG"):
                raise
            # Only the type and where: the message of a bug can quote patient text.
            click.echo(f"backpdf: internal error: {type(exc).__name__}{_where_raised(exc)} "
                       "(nothing was written; set BACKPDF_DEBUG=1 for details)", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _where_raised(exc: BaseException) -> str:
    """` in backpdf/x.py:12`: the innermost frame of backpdf's own code, if any."""
    package = Path(__file__).parent
    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if package in path.parents:
            where = f" in {path.relative_to(package.parent)}:{frame.lineno}"
    return where


library_option = click.option("--library", "library_path", type=click.Path(dir_okay=False),
                              help="Use this library file instead of the bundled one.")
clinic_option = click.option("--clinic", "clinic_path", type=click.Path(dir_okay=False),
                             help="Clinic profile (else $BACKPDF_CLINIC, else clinic.yaml in the config folder).")


def _library(path):
    from backpdf.library import load_library

    return load_library(path)


@click.group(cls=BackpdfGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="backpdf")
def cli():
    """Printable back-pain exercise handouts with QR codes to each exercise's video."""


@cli.command("list")
@click.option("--area", type=click.Choice(AREAS), help="Only exercises for this area.")
@click.option("--kind", type=click.Choice(KINDS), help="Only exercises of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array with every field.")
@library_option
def list_command(area, kind, as_json, library_path):
    """List the exercises in the library: id, name, areas, kind."""
    library = _library(library_path)
    chosen = [e for e in library.exercises.values()
              if (area is None or area in e.areas) and (kind is None or e.kind == kind)]
    if as_json:
        click.echo(json.dumps([e.to_json() for e in chosen], indent=2, ensure_ascii=False))
        return
    width = max((len(e.id) for e in chosen), default=0)
    for e in chosen:
        click.echo(f"{e.id:<{width}}  {e.name}  [{', '.join(e.areas)}; {e.kind}]")


@cli.command()
@click.argument("exercise_id")
@click.option("--json", "as_json", is_flag=True, help="Print the exercise as JSON.")
@library_option
def show(exercise_id, as_json, library_path):
    """Show one exercise in full."""
    from backpdf.wording import dose_sentences

    exercise = _library(library_path).exercise(exercise_id)
    if as_json:
        click.echo(json.dumps(exercise.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{exercise.name} ({exercise.id})")
    click.echo(f"Areas: {', '.join(exercise.areas)}    Kind: {exercise.kind}")
    for i, step in enumerate(exercise.steps, 1):
        click.echo(f"  {i}. {step}")
    for label, items in (("How much", [" ".join(dose_sentences(exercise.dose))]),
                         ("Tip", exercise.tips), ("Be careful", exercise.cautions)):
        for item in items:
            if item:
                click.echo(f"{label}: {item}")
    if exercise.avoid_if:
        click.echo(f"Avoid with: {', '.join(exercise.avoid_if)}")
    click.echo(f"Video: {exercise.video}")


@cli.command()
@click.argument("ids", nargs=-1)
@click.option("--area", "areas", multiple=True, type=click.Choice(AREAS),
              help="Add every exercise for this area (repeatable).")
@click.option("--template", help="Start from a library template (see `backpdf templates`).")
@click.option("--program", "program_path", type=click.Path(dir_okay=False),
              help="A program file; options given here override it.")
@click.option("--patient", help="Patient name, printed on the handout only.")
@click.option("--clinician", help="Clinician name.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Date to print (default: today).")
@click.option("--note", help="A note printed under the patient's name.")
@click.option("--condition", "conditions", multiple=True, metavar="ID",
              help="Screen for this condition (repeatable; see `backpdf conditions`).")
@click.option("--override", "overrides", multiple=True, metavar="ID",
              help="Print this exercise even though a screened condition rules it out.")
@click.option("--layout", help="Layout name or path to a layout file (default: standard).")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size (default: letter).")
@click.option("--tracking-log/--no-tracking-log", default=None,
              help="Add (or leave out) a 4-week log page to tick off; default: as the layout says.")
@click.option("--missing-images", type=click.Choice(["error", "skip"]), default="error", show_default=True,
              help="What to do when an exercise picture is missing or unreadable.")
@clinic_option
@library_option
@click.option("-o", "--output", metavar="FILE|-", help="Where to write the PDF; - for stdout.")
def generate(ids, areas, template, program_path, patient, clinician, date_text, note, conditions,
             overrides, layout, paper, tracking_log, missing_images, clinic_path, library_path, output):
    """Make a handout from exercise IDS, --area, --template and/or a --program file."""
    from backpdf.api import make_handout
    from backpdf.clinic import load_clinic
    from backpdf.library import ProgramEntry
    from backpdf.output import check_target_folder, default_output_name, write_atomic
    from backpdf.program import Request, load_program

    if output == "-" and sys.stdout.isatty():
        fail("refusing to write a PDF to the terminal; pipe it (| lp) or use -o FILE")
    if output and output != "-":
        check_target_folder(Path(output))
    library = _library(library_path)
    clinic = load_clinic(clinic_path)
    request = Request(entries=tuple(ProgramEntry(i) for i in ids), areas=areas, template=template,
                      conditions=conditions, overrides=overrides, patient=patient, clinician=clinician,
                      note=note, date=date_text, layout=layout, paper=paper, tracking_log=tracking_log,
                      missing_images=missing_images)
    if program_path:
        request = load_program(program_path, library).overridden_by(request)
    result = make_handout(request, library, clinic, _dt.date.today())
    if output == "-":
        sys.stdout.buffer.write(result.pdf)
        sys.stdout.buffer.flush()
        where = "the PDF to stdout"
    else:
        where = str(write_atomic(output or default_output_name(result.handout.date), result.pdf))
    for notice in result.notices:
        warn(notice)
    _warn_placeholder_videos(clinic)
    click.echo(f"wrote {where} ({_pages(result.pages)})", err=True)


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


@cli.command()
@library_option
@clinic_option
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def validate(library_path, clinic_path, files):
    """Check the library, clinic profile and any program or layout FILES; report every problem."""
    from backpdf.readability import summary
    from backpdf.validation import validate_files

    report = validate_files(library_path, clinic_path, files)
    for result in report.readability:
        click.echo(f"  {result.exercise_id:<28} grade {result.grade:>4.1f}   words per step "
                   f"{result.mean_words:>4.1f} (longest {result.max_words})")
    if report.readability:
        click.echo(summary(report.readability))
    for line in report.warnings + report.problems:
        click.echo(str(line))
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s) in {report.checked} file(s)", err=True)
        sys.exit(1)
    click.echo(f"{report.checked} file(s) valid", err=True)


@cli.command()
def layouts():
    """List the bundled layouts and the clinic's own, with a one-line description each."""
    from backpdf.layout import list_layouts

    for row in list_layouts():
        click.echo(str(row))


@cli.command()
@library_option
def templates(library_path):
    """List the library's starting programs (use one with `generate --template ID`)."""
    for template in _library(library_path).templates.values():
        ids = ", ".join(entry.id for entry in template.entries)
        click.echo(f"{template.id}  {template.name}: {template.description} [{ids}]")


@cli.command()
@library_option
def conditions(library_path):
    """List the conditions a patient can be screened for (`generate --condition ID`)."""
    library = _library(library_path)
    for condition in library.conditions.values():
        avoided = [e.id for e in library.exercises.values() if condition.id in e.avoid_if]
        click.echo(f"{condition.id}  {condition.name}: leaves out {len(avoided)} exercise(s)")


@cli.command("batch")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--out-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the handouts and manifest.json (made if missing).")
@click.option("--by-area", is_flag=True, help="One sheet per body area, with every exercise for it.")
@click.option("--by-template", is_flag=True, help="One sheet per library template.")
@click.option("--layout", help="Layout for every handout, over files and rows (default: theirs, else standard).")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper for every handout, over files and rows.")
@clinic_option
@library_option
@click.option("--jobs", metavar="N", type=click.IntRange(min=1), default=lambda: os.cpu_count() or 1,
              show_default="number of CPUs", help="Handouts made at once; 1 uses no worker processes.")
@click.option("--combined", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write every handout of the run, in input order, as one PDF.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def batch_command(files, out_dir, by_area, by_template, layout, paper, clinic_path, library_path,
                  jobs, combined, quiet):
    """Make many handouts: program FILES (.yaml), rosters (.csv, one handout per row),
    --by-area or --by-template sheets. Exit 1 if any handout failed."""
    from backpdf import batch
    from backpdf.clinic import load_clinic
    from backpdf.program import Request

    started = time.monotonic()
    clinic = load_clinic(clinic_path)
    settings = batch.Settings(_library(library_path), clinic, _dt.date.today(),
                              Request(layout=layout, paper=paper))
    plan = batch.plan(files, out_dir, settings, by_area=by_area, by_template=by_template, combined=combined)
    _warn_placeholder_videos(clinic)
    with _progress(len(plan.jobs), quiet) as advance:
        report = batch.run(plan, jobs, advance)
    for where, notice in report.notices():
        warn(f"{where}: {notice}")
    for failure in report.failed:
        click.echo(failure.reason, err=True)
    for stale in report.set_aside:
        warn(stale.notice())
    for problem in report.problems:
        click.echo(f"backpdf: error: {problem}", err=True)
    not_made = f"{report.not_made} not made, " if report.not_made else ""
    click.echo(f"{len(report.written)} written, {len(report.failed)} failed, {not_made}"
               f"{time.monotonic() - started:.1f} s", err=True)
    if report.interrupted:
        raise click.Abort()  # the group reports the interruption and exits 130
    sys.exit(1 if report.failed or report.problems else 0)


@contextlib.contextmanager
def _progress(total: int, quiet: bool):
    """Yields a function to call per handout done: a bar on a terminal, else nothing
    (logs and pipes get only the summary line)."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=total, label="Making handouts", file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def _warn_placeholder_videos(clinic) -> None:
    """QR codes that lead nowhere must never be handed out unnoticed."""
    if clinic.has_placeholder_videos:
        warn("no clinic video_base_url is set, so the QR codes point to a placeholder site; "
             "set video_base_url in the clinic profile before giving handouts to patients")


def main() -> None:
    cli.main(prog_name="backpdf")
