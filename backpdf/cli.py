"""The `backpdf` command: parse options, call the pipeline, print, exit.

Exit codes, so scripts can tell outcomes apart:

    0   done
    1   `validate` found problems, or `batch` made some handouts but not all
    2   bad input or usage: a file, an id, an option (one line on stderr, nothing written)
    70  an internal error (a bug in backpdf; `BACKPDF_DEBUG=1` shows the traceback)
    130 interrupted (Ctrl-C or SIGTERM)

User errors travel as `BackpdfError` through the pipeline and become click exceptions at
the edge (`BackpdfGroup.invoke`), which click prints and exits with.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from backpdf import __version__, vocabulary
from backpdf.errors import BackpdfError

EXIT_PROBLEMS = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 70   # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130


class UserError(click.ClickException):
    """Bad input: one line on stderr, exit 2."""

    exit_code = EXIT_USER_ERROR

    def show(self, file=None) -> None:
        click.echo(f"backpdf: error: {self.format_message()}", err=True)


class InternalError(click.ClickException):
    """A bug. Says only what kind of error it was and where in backpdf: an exception's
    message can hold patient text (a note, a name), which must never reach a log."""

    exit_code = EXIT_INTERNAL_ERROR

    def show(self, file=None) -> None:
        click.echo(f"backpdf: internal error: {self.format_message()} "
                   "(set BACKPDF_DEBUG=1 for details)", err=True)


class Interrupted(click.ClickException):
    exit_code = EXIT_INTERRUPTED

    def show(self, file=None) -> None:
        click.echo("backpdf: interrupted", err=True)


def interrupted() -> Interrupted:
    """The exit for a run that was asked to stop. Further Ctrl-C or SIGTERM are ignored
    from here: the run is already stopping, and one arriving while Python shuts down would
    turn exit 130 into death by the signal."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
    return Interrupted("")


def _where(exc: BaseException) -> str:
    """The innermost frame of backpdf's own code in the traceback: file name and line."""
    tb, found = exc.__traceback__, ""
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep  # not any folder named backpdf
    while tb is not None:
        path = tb.tb_frame.f_code.co_filename
        if os.path.abspath(path).startswith(package):
            found = f" at {Path(path).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


class BackpdfGroup(click.Group):
    """Turns what the pipeline raises into click exceptions, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BackpdfError as exc:
            raise UserError(str(exc)) from None
        except KeyboardInterrupt:
            raise interrupted() from None
        except BrokenPipeError:  # `backpdf review | head`: the reader has all it wants
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit, like stdout
            return None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            if os.environ.get("BACKPDF_DEBUG"):
                raise
            raise InternalError(f"{type(exc).__name__}{_where(exc)}") from None


def warn(message: str) -> None:
    click.echo(f"backpdf: warning: {message}", err=True)


# --- shell completion: ids and names from the files they come from --------------------

def _library_names(attribute: str):
    """A completer for the ids of one part of the library (exercises, templates, conditions)."""
    def complete(ctx, param, incomplete: str) -> list[str]:
        try:
            names = getattr(_library(ctx.params.get("library_path")), attribute)
        except BackpdfError:
            return []
        return [name for name in names if name.startswith(incomplete.lower())]
    return complete


_complete_exercises = _library_names("exercises")
_complete_templates = _library_names("templates")
_complete_conditions = _library_names("conditions")


def _complete_layouts(ctx, param, incomplete: str) -> list[str]:
    from backpdf.layout_file import printable_layouts

    return [name for name in printable_layouts() if name.startswith(incomplete)]


library_option = click.option("--library", "library_path", type=click.Path(dir_okay=False), is_eager=True,
                              help="Use this library file instead of the bundled one.")
clinic_option = click.option("--clinic", "clinic_path", type=click.Path(dir_okay=False),
                             help="Clinic profile (else $BACKPDF_CLINIC, else clinic.yaml in the config folder).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _choice(words) -> click.Choice:
    """Fixed words in any letter case ('A4', 'Lower-Back'); click passes on the listed spelling."""
    return click.Choice(list(words), case_sensitive=False)


paper_choice = _choice(vocabulary.papers())
area_choice = _choice(vocabulary.areas())
print_option = click.option(
    "--print", "printer", is_flag=False, flag_value="", default=None, metavar="[PRINTER]",
    help="Send to PRINTER (default: the system's default printer) with CUPS `lp`, double-sided; "
         "give it after any IDS or FILES.")
language_option = click.option("--language", type=_choice(vocabulary.languages()),
                               help="Print in this language (default: the program's or clinic's, else en).")


def _library(path, language: str | None = None):
    from backpdf.library_file import load_library
    from backpdf.library_translation import in_language

    library = load_library(path)
    return in_language(library, language) if language else library


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(cls=BackpdfGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="backpdf")
@click.pass_context
def cli(ctx: click.Context):
    """Printable back-pain exercise handouts with QR codes to each exercise's video."""
    if ctx.invoked_subcommand is None:  # a first try with no arguments: the help, not an error
        click.echo(ctx.get_help())


@cli.command("list")
@click.option("--area", type=area_choice, help="Only exercises for this area.")
@click.option("--kind", type=_choice(vocabulary.kinds()), help="Only exercises of this kind.")
@click.option("--search", metavar="WORDS",
              help="Only exercises whose name, purpose, steps or id hold these words (any letter case).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array with every field.")
@library_option
@language_option
def list_command(area, kind, search, as_json, library_path, language):
    """List the exercises in the library: id, name, areas, kind."""
    from backpdf.finding import matching

    library = _library(library_path, language)
    chosen = [e for e in library.exercises.values()
              if (area is None or area in e.areas) and (kind is None or e.kind == kind)]
    if search is not None:
        chosen = matching(chosen, search)
        if not chosen:
            warn(f"no exercise mentions {search!r}; try one word, or `backpdf list` for all")
    if as_json:
        _echo_json([e.to_json() for e in chosen])
        return
    width = max((len(e.id) for e in chosen), default=0)
    for e in chosen:
        click.echo(f"{e.id:<{width}}  {e.name}  [{', '.join(e.areas)}; {e.kind}]")


@cli.command()
@click.argument("exercise_id", shell_complete=_complete_exercises)
@click.option("--json", "as_json", is_flag=True, help="Print the exercise as JSON.")
@library_option
@language_option
def show(exercise_id, as_json, library_path, language):
    """Show one exercise in full, every field of the library."""
    from backpdf.i18n import translator
    from backpdf.showing import exercise_lines

    exercise = _library(library_path, language).exercise(exercise_id.lower())
    if as_json:
        _echo_json(exercise.to_json())
        return
    for line in exercise_lines(exercise, translator(language or "en")):
        click.echo(line)


GENERATE_EXAMPLES = """
\b
Examples:
  backpdf generate --template lower-back-starter --patient "Jane Doe" -o jane.pdf
  backpdf generate pelvic-tilt bird-dog bridge --layout large-print -o jane.pdf
  backpdf generate --area neck --condition osteoporosis -o neck.pdf
  backpdf generate --program jane.yaml --print
  backpdf generate bird-dog bridge --patient "Jane Doe" --print Front-Desk
"""


@cli.command(epilog=GENERATE_EXAMPLES)
@click.argument("ids", nargs=-1, shell_complete=_complete_exercises)
@click.option("--area", "areas", multiple=True, type=area_choice,
              help="Add every exercise for this area (repeatable).")
@click.option("--template", shell_complete=_complete_templates,
              help="Start from a library template (see `backpdf templates`).")
@click.option("--program", "program_path", type=click.Path(dir_okay=False),
              help="A program file; options given here override it.")
@click.option("--patient", help="Patient name, printed on the handout only.")
@click.option("--clinician", help="Clinician name.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Date to print (default: today).")
@click.option("--note", help="A note printed under the patient's name.")
@click.option("--condition", "conditions", multiple=True, metavar="ID", shell_complete=_complete_conditions,
              help="Screen for this condition (repeatable; see `backpdf conditions`).")
@click.option("--override", "overrides", multiple=True, metavar="ID", shell_complete=_complete_exercises,
              help="Print this exercise even though a screened condition rules it out.")
@click.option("--layout", shell_complete=_complete_layouts,
              help="Layout name or path to a layout file (default: standard).")
@click.option("--paper", type=paper_choice, help="Paper size (default: letter).")
@click.option("--tracking-log/--no-tracking-log", default=None,
              help="Add (or leave out) a 4-week log page to tick off; default: as the layout says.")
@click.option("--missing-images", type=_choice(["error", "skip"]), default="error", show_default=True,
              help="What to do when an exercise picture is missing or unreadable.")
@click.option("--pictures/--no-pictures", default=True, show_default=True,
              help="Print each exercise's picture (a layout can also leave them out).")
@clinic_option
@library_option
@language_option
@click.option("-o", "--output", metavar="FILE|-", help="Where to write the PDF; - for stdout.")
@click.option("--save-program", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also save what was asked for as a program file, to make the handout again with "
                   "--program FILE (never overwrites).")
@print_option
@click.option("--simplex", is_flag=True, help="With --print: print on one side of the paper only.")
def generate(ids, areas, template, program_path, patient, clinician, date_text, note, conditions,
             overrides, layout, paper, tracking_log, missing_images, pictures, clinic_path, library_path,
             language, output, save_program, printer, simplex):
    """Make a handout from exercise IDS, --area, --template and/or a --program file.

    With --print and no -o, the handout goes straight to the printer and no file is written.
    """
    from backpdf.clinic_file import load_clinic
    from backpdf.model import ProgramEntry
    from backpdf.output import check_new_target, check_target_folder, default_output_name, write_atomic
    from backpdf.pipeline import make_handout
    from backpdf.program import Request
    from backpdf.program_file import load_program, write_program_file

    if output == "-" and sys.stdout.isatty():
        raise UserError("refusing to write a PDF to the terminal; pipe it (| lp) or use -o FILE")
    if output and output != "-":
        check_target_folder(Path(output))
    if save_program:
        check_new_target(Path(save_program))
    library = _library(library_path)
    if printer is not None:
        _check_printer(printer, lambda name: name.lower() in library.exercises, "an exercise id")
    clinic = load_clinic(clinic_path)
    request = Request(entries=tuple(ProgramEntry(i) for i in _lower(ids)), areas=areas,
                      template=template and template.lower(), conditions=_lower(conditions),
                      overrides=_lower(overrides), patient=patient, clinician=clinician,
                      note=note, date=date_text, layout=layout, paper=paper, tracking_log=tracking_log,
                      missing_images=missing_images, pictures=pictures, language=language)
    if program_path:
        request = load_program(program_path, library).overridden_by(request)
    result = make_handout(request, library, clinic, _dt.date.today())
    done = []
    if output == "-":
        sys.stdout.buffer.write(result.pdf)
        sys.stdout.buffer.flush()
        done.append("wrote the PDF to stdout")
    elif output or printer is None:
        done.append(f"wrote {write_atomic(output or default_output_name(result.handout.date), result.pdf)}")
    if save_program:
        click.echo(f"saved the program as {write_program_file(save_program, request, result.handout.date)}", err=True)
    for notice in result.notices:
        warn(notice)
    _warn_placeholder_videos(clinic)
    if printer is not None:
        from backpdf.printing import send_to_printer

        queued = send_to_printer(result.pdf, printer or None, duplex=not simplex)
        done.append("sent it to the printer" + (f" (lp: {queued})" if queued else ""))
    click.echo(f"{' and '.join(done)} ({_pages(result.pages)})", err=True)


def _lower(ids: tuple[str, ...]) -> tuple[str, ...]:
    """Ids as typed in any case ('Bird-Dog'): the library's ids are all lowercase."""
    return tuple(i.lower() for i in ids)


def _check_printer(printer: str, is_other_thing: Callable[[str], bool], what: str) -> None:
    """`--print` takes an optional printer name, so `--print bird-dog` would print to a
    printer called bird-dog: refuse a name that is plainly something else, and find `lp`
    before any work is done."""
    from backpdf.printing import find_lp

    if printer and is_other_thing(printer):
        raise UserError(f"--print was given {what} as its printer name; put it before --print, "
                        "or name the printer (--print PRINTER)")
    find_lp()


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


@cli.command()
@library_option
@clinic_option
@json_option
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def validate(library_path, clinic_path, as_json, files):
    """Check the library, clinic profile and any program or layout FILES; report every problem."""
    from backpdf.readability import spanish_summary, summary
    from backpdf.validation import validate_files

    report = validate_files(library_path, clinic_path, files)
    if as_json:
        _echo_json(report.to_json())
    else:
        for result in report.readability:
            click.echo(f"  {result.exercise_id:<28} grade {result.grade:>4.1f}   words per step "
                       f"{result.mean_words:>4.1f} (longest {result.max_words})")
        if report.readability:
            click.echo(summary(report.readability))
        for group in report.groups:
            click.echo(str(group))
        for spanish in report.spanish:
            click.echo(f"  {spanish.exercise_id:<28} Fernández-Huerta {spanish.reading_ease:>5.1f} (Spanish steps)")
        if report.spanish:
            click.echo(spanish_summary(report.spanish))
        for line in report.warnings + report.problems:
            click.echo(str(line))
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s) in {report.checked} file(s)", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{report.checked} file(s) valid", err=True)


@cli.command()
@json_option
def layouts(as_json):
    """List the bundled layouts and the clinic's own, with a one-line description each."""
    from backpdf.layout_file import list_layouts

    rows = list_layouts()
    if as_json:
        _echo_json([row.to_json() for row in rows])
        return
    for row in rows:
        click.echo(str(row))


@cli.command()
@library_option
@language_option
@json_option
def templates(library_path, language, as_json):
    """List the library's starting programs (use one with `generate --template ID`)."""
    library = _library(library_path, language)
    if as_json:
        _echo_json([{"id": t.id, "name": t.name, "description": t.description,
                     "exercises": [e.id for e in t.entries]} for t in library.templates.values()])
        return
    for template in library.templates.values():
        ids = ", ".join(entry.id for entry in template.entries)
        click.echo(f"{template.id}  {template.name}: {template.description} [{ids}]")


@cli.command()
@library_option
@language_option
@json_option
def conditions(library_path, language, as_json):
    """List the conditions a patient can be screened for (`generate --condition ID`)."""
    library = _library(library_path, language)
    rows = [(c, [e.id for e in library.exercises.values() if c.avoids(e)])
            for c in library.conditions.values()]
    if as_json:
        _echo_json([{"id": c.id, "name": c.name, "precaution": c.precaution, "leaves_out": avoided}
                    for c, avoided in rows])
        return
    for condition, avoided in rows:
        click.echo(f"{condition.id}  {condition.name}: leaves out {len(avoided)} exercise(s)")


@cli.command()
@library_option
@json_option
def review(library_path, as_json):
    """The screening table: per condition, what it leaves out, cautions and rewords."""
    from backpdf.review import review as review_library

    rows = review_library(_library(library_path))
    if as_json:
        _echo_json([row.to_json() for row in rows])
        return
    for row in rows:
        for line in row.lines():
            click.echo(line)


@cli.command()
@click.argument("exercise_id", shell_complete=_complete_exercises)
@click.option("-o", "--output", required=True, metavar="FILE.svg|FILE.png|FILE.pdf",
              help="Where to write the picture; the suffix picks the format.")
@click.option("--size-mm", type=click.FloatRange(20, 300), default=60.0, show_default=True,
              help="The picture's longer side, in millimetres (line widths are set for print at this size).")
@library_option
def picture(exercise_id, output, size_mm, library_path):
    """Export one exercise's picture, to use or adapt elsewhere."""
    from backpdf.drawn_pictures import drawn_picture
    from backpdf.figures import to_pdf, to_png, to_svg
    from backpdf.output import write_atomic

    exercise = _library(library_path).exercise(exercise_id)
    if not exercise.picture:
        raise UserError(f"exercise '{exercise.id}' has no picture: block")
    writers = {".svg": to_svg, ".png": to_png, ".pdf": to_pdf}
    suffix = Path(output).suffix.lower()
    if suffix not in writers:
        raise UserError(f"{output}: the file name must end in .svg, .png or .pdf")
    drawn = drawn_picture(exercise.picture, (size_mm, size_mm))
    click.echo(f"wrote {write_atomic(output, writers[suffix](drawn.drawing))}", err=True)


@cli.command()
@click.option("-o", "--output", required=True, metavar="FILE.pdf", help="Where to write the contact sheet.")
@click.option("--paper", type=paper_choice, default=vocabulary.DEFAULT_PAPER, show_default=True)
@library_option
def pictures(output, paper, library_path):
    """A contact sheet of every exercise picture with its name and first step, to review."""
    from backpdf.contact_sheet import contact_sheet
    from backpdf.output import write_atomic

    data, pages = contact_sheet(_library(library_path), vocabulary.paper_size_mm(paper))
    click.echo(f"wrote {write_atomic(output, data)} ({_pages(pages)})", err=True)


@cli.command("schema")
@click.argument("kind", type=_choice(["library", "program", "clinic", "layout", "vocabulary"]))
def schema_command(kind):
    """Print the JSON Schema of a file KIND, for editors and other tools."""
    from backpdf.schemas import schema

    _echo_json(schema(kind))


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False))
def init(folder):
    """Write a clinic's starting kit into FOLDER: a clinic profile, a layout of its own and
    an empty library for its own exercises, each valid, commented and linked to its schema."""
    from backpdf.starter_kit import write_starter_kit

    for path in write_starter_kit(Path(folder)):
        click.echo(str(path))
    click.echo(f"next: edit {Path(folder) / 'clinic.yaml'}, then `backpdf validate --clinic "
               f"{Path(folder) / 'clinic.yaml'}`", err=True)


@cli.command()
@json_option
def paths(as_json):
    """Where backpdf looks for the clinic profile and clinic layouts, and keeps its cache."""
    from backpdf import places
    from backpdf.clinic_file import default_clinic_file
    from backpdf.layout_file import clinic_layouts_dir

    found = {"clinic_profile": str(default_clinic_file()), "clinic_layouts": str(clinic_layouts_dir()),
             "cache": str(places.cache_dir())}
    if as_json:
        _echo_json(found)
        return
    for name, value in found.items():
        click.echo(f"{name.replace('_', ' ')}: {value}")


@cli.command("batch")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--out-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the handouts and manifest.json (made if missing).")
@click.option("--by-area", is_flag=True,
              help="One sheet per body area: the library's chosen exercises, lines for name and date.")
@click.option("--all-exercises", is_flag=True, help="With --by-area: every exercise of each area.")
@click.option("--by-template", is_flag=True, help="One sheet per library template.")
@click.option("--layout", shell_complete=_complete_layouts,
              help="Layout for every handout, over files and rows (default: theirs, else standard).")
@click.option("--paper", type=paper_choice, help="Paper for every handout, over files and rows.")
@clinic_option
@library_option
@language_option
@click.option("--jobs", metavar="N", type=click.IntRange(min=1), default=lambda: os.cpu_count() or 1,
              show_default="number of CPUs", help="Handouts made at once; 1 uses no worker processes.")
@click.option("--combined", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write every handout of the run, in input order, as one PDF; each handout "
                   "starts on the front of a new sheet (a blank back page where needed).")
@print_option
@click.option("--simplex", is_flag=True, help="Printing on one side of the paper: --print one-sided, "
                                              "and no blank back pages in --combined.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def batch_command(files, out_dir, by_area, all_exercises, by_template, layout, paper, clinic_path, library_path,
                  language, jobs, combined, printer, simplex, quiet):
    """Make many handouts: program FILES (.yaml), rosters (.csv, one handout per row),
    --by-area or --by-template sheets. Exit 1 if any handout failed.

    With --print, the --combined file is printed as one job, else each handout in order."""
    from backpdf import batch
    from backpdf.clinic_file import load_clinic
    from backpdf.program import Request

    started = time.monotonic()
    if printer is not None:
        _check_printer(printer, lambda name: name.lower().endswith(batch.PROGRAM_SUFFIXES + batch.ROSTER_SUFFIXES),
                       "a program or roster file")
    clinic = load_clinic(clinic_path)
    settings = batch.Settings(_library(library_path), clinic, _dt.date.today(),
                              Request(layout=layout, paper=paper, language=language))
    plan = batch.plan(files, out_dir, settings, by_area=by_area, by_template=by_template, combined=combined,
                      simplex=simplex, all_exercises=all_exercises)
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
        raise interrupted()
    if printer is not None:
        _print_batch(report, printer or None, duplex=not simplex)
    sys.exit(EXIT_PROBLEMS if report.failed or report.problems else 0)


def _print_batch(report, printer: str | None, duplex: bool) -> None:
    """The --combined file as one job when there is one, else every handout written, in order."""
    from backpdf.printing import send_files

    if report.combined_problem:
        warn("nothing was printed: the --combined file could not be written")
        return
    paths = [report.combined.path] if report.combined else [o.path for o in report.written]
    sent = send_files(paths, printer, duplex)
    click.echo(f"sent {sent} {'file' if sent == 1 else 'files'} to the printer", err=True)


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
