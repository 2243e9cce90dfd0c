#!/usr/bin/env python3
"""Record the transcripts of the Python conformance corpus (tests/script/corpus/*.py).

    python3 scripts/record-corpus.py            # (re)record every program into <name>.out
    python3 scripts/record-corpus.py --check    # re-run, report changed transcripts, exit 1 if any
    python3 scripts/record-corpus.py NAME...    # only the programs whose file name contains NAME
    python3 scripts/record-corpus.py --runs=N   # runs per program (default 3; stamps are the minimum)
    python3 scripts/record-corpus.py --grid=S   # stamp grid in seconds (default 0.05)

CPython (3.11 or newer) is the oracle. Each program is copied into a fresh temporary directory as
main.py and run with `python3 -X utf8 -s` there, through a small bootstrap (passed with -c) that
stamps every output line with the time since the program started. See tests/script/README.md for
the transcript format and the normalizations.
"""
import concurrent.futures
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

if sys.version_info < (3, 11):
    sys.exit(
        "record-corpus.py needs CPython 3.11 or newer (the corpus oracle); "
        f"this is Python {sys.version.split()[0]}"
    )

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "script", "corpus")
TIMEOUT = 30.0
JOBS = 3
RUNS = 3  # runs per program; see run_program
MAX_RUNS = 9
GRID_CS = 5  # stamps are multiples of 0.05 s (in centiseconds); --grid=0.01 for finer
LATE_SUSPECT = 0.02  # seconds past a grid mark that make a stamp suspect (run again)
WEBSOCKETS_MARK = "# corpus: needs websockets stand-in"

# The bootstrap runs inside the child. It pre-imports the modules the corpus uses so that their
# import time does not show in the stamps (our interpreter imports instantly), starts the clock,
# replaces sys.stdout/sys.stderr with writers that log every write with its time to a side file
# (raw os.write, so writes during interpreter shutdown are logged too), and runs main.py's code
# as __main__ with filename "main.py". The recorder cuts the log into lines afterwards.
BOOTSTRAP = r'''
import sys, os, time, linecache, traceback
import asyncio, random, threading, logging, warnings, concurrent.futures.thread

_fd = os.open("_stamps.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

class _StampWriter:
    encoding = "utf-8"
    errors = "backslashreplace"
    def __init__(self, tag, start, write=os.write, clock=time.perf_counter, fd=_fd):
        self._tag, self._start, self._write, self._clock, self._fd = tag, start, write, clock, fd
    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        if s:
            data = s.encode("utf-8", "backslashreplace")
            self._write(self._fd, b"%s %.6f %d\n" % (self._tag, self._clock() - self._start, len(data)) + data)
        return len(s)
    def writelines(self, lines):
        for line in lines:
            self.write(line)
    def flush(self):
        pass
    def isatty(self):
        return False
    def writable(self):
        return True
    def readable(self):
        return False
    def seekable(self):
        return False

with open("main.py", encoding="utf-8") as _f:
    _src = _f.read()
linecache.cache["main.py"] = (len(_src), None, _src.splitlines(True), "main.py")
sys.argv = ["main.py"]
_start = time.perf_counter()
sys.stdout = sys.__stdout__ = _StampWriter(b"O", _start)
sys.stderr = sys.__stderr__ = _StampWriter(b"E", _start)
try:
    _code = compile(_src, "main.py", "exec")
except SyntaxError as _e:
    # CPython reports a syntax error before running anything, without a "Traceback" header.
    _e.__traceback__ = None  # else the C printer shows the bootstrap's frame under a "Traceback" header
    sys.__excepthook__(type(_e), _e, None)  # the C printer, as `python3 main.py` shows it
    sys.exit(1)
_g = {"__name__": "__main__", "__file__": "main.py", "__builtins__": __builtins__, "__doc__": None}
del _f, _src
# `python3 main.py` runs the module's frame first; here the bootstrap's own frame and exec's
# call come under it, and both count against the recursion limit: give them back.
sys.setrecursionlimit(sys.getrecursionlimit() + 2)
# ... and the program sees the limit it set, as `python3 main.py` shows it.
_get_limit, _set_limit = sys.getrecursionlimit, sys.setrecursionlimit
sys.getrecursionlimit = lambda: _get_limit() - 2
def _setrecursionlimit(n, /):
    _set_limit(n)  # its own checks and messages first
    _set_limit(n + 2)
sys.setrecursionlimit = _setrecursionlimit
exec(_code, _g)
'''

FRAME_RE = re.compile(r'^  File "(?P<file>[^"]*)", line \d+(?:, in .*)?$')
# An exception group's traceback draws each line behind a margin: two spaces per level, then
# "+ " on the group's first line and "| " on the others.
MARGIN_RE = re.compile(r"^((?:  )+[|+] )(.*)$")


def parse_log(raw):
    """Cut the write log into output lines: [(seconds, '|' or '!', text)], ordered by the moment
    each line's first character was written."""
    events = []  # (order, t, tag, text)
    pos = 0
    order = 0
    current = {}  # tag -> [order, t, text]
    while pos < len(raw):
        nl = raw.index(b"\n", pos)
        tag, t, n = raw[pos:nl].split(b" ")
        t, n = float(t), int(n)
        data = raw[nl + 1 : nl + 1 + n].decode("utf-8")
        pos = nl + 1 + n
        tag = "|" if tag == b"O" else "!"
        for piece in re.split(r"(\n)", data):
            if not piece:
                continue
            if tag not in current:
                current[tag] = [order, t, ""]
                order += 1
            if piece == "\n":
                o, t0, text = current.pop(tag)
                events.append((o, t0, tag, text))
            else:
                current[tag][2] += piece
    for tag, (o, t0, text) in current.items():  # a line without a final newline still counts
        events.append((o, t0, tag, text))
    events.sort()
    return [(t, tag, text) for _, t, tag, text in events]


def stamp(t):
    """Seconds with 2 decimals, on the GRID. CPython's timers and time.sleep() wake late, by
    0.1 to a few ms per sleep on a quiet machine, by 10 to 50 ms on a machine busy with other
    work, and the lateness adds up along a chain of sleeps; they are never early. So the real
    elapsed time is truncated to the grid mark below it (allowing 0.5 ms of earliness) rather
    than rounded: 2.006 s of real time after sleep(2) is the virtual 2.00. This requires every
    sleep in the corpus to be a multiple of GRID (0.05 s)."""
    k = math.floor((t * 100 + 0.05) / GRID_CS) * GRID_CS
    return f"{k // 100}.{k % 100:02d}"


def late(t):
    """How far (seconds) past its grid mark the stamp t is."""
    return ((t * 100 + 0.05) % GRID_CS) / 100 - 0.0005


def normalize(lines, tmpdir):
    """Normalize stderr: temp paths -> main.py; in tracebacks keep only main.py frames (with the
    source line and CPython 3.11's carets under them)."""
    out = []
    in_tb = False
    skipping = False  # inside a dropped (non-main.py) frame
    # A traceback's header waits for its first frame that is not the bootstrap's: one whose
    # only frame is the bootstrap's (a group that `except*` raises anew at the module's top has
    # no traceback under `python3 main.py`) has none.
    header = None
    for t, tag, full in lines:
        margin, text = "", full
        if tag == "!":
            full = full.replace(os.path.join(tmpdir, "main.py"), "main.py").replace(tmpdir + os.sep, "")
            m = MARGIN_RE.match(full)
            margin, text = (m.group(1), m.group(2)) if m else ("", full)
            if text in ("Traceback (most recent call last):", "Exception Group Traceback (most recent call last):"):
                in_tb, skipping = True, False
                header = (t, tag, margin + text)
                continue
            if in_tb:
                m = FRAME_RE.match(text)
                if m and header and m.group("file") != "<string>":
                    out.append(header)
                    header = None
                if m:
                    skipping = m.group("file") != "main.py"
                    if not skipping:
                        out.append((t, tag, margin + text))
                    continue
                if text.startswith("  [Previous line repeated"):
                    if not skipping:
                        out.append((t, tag, margin + text))
                    continue
                if text.startswith("    "):
                    if skipping:
                        continue
                    out.append((t, tag, margin + text))
                    continue
                in_tb = skipping = False  # the `ExceptionType: message` line ends the block
                header = None
        out.append((t, tag, margin + text))
    return out


def run_program(path, runs):
    """Run one program `runs` times or more; return its transcript text, or raise RuntimeError.

    The transcript's lines (text, order, exit status) are the ones that most runs printed, and at
    least half of the runs must agree: on a busy machine a run can be delayed enough to change
    the order of lines a few ms apart, but a program whose runs disagree more often than that is
    not deterministic (an error). Each line's stamp is the smallest over the agreeing runs:
    lateness from a busy machine only ever adds time. Runs are added, up to MAX_RUNS, while no
    sequence has a majority or while some line's stamp is still suspiciously late (more than
    LATE_SUSPECT past its grid mark)."""
    results = []

    def key(r):
        lines, rc = r
        return (tuple(l[1:] for l in lines), rc)

    def settled():
        if len(results) < runs:
            return False
        groups = {}
        for r in results:
            groups.setdefault(key(r), []).append(r)
        best = max(groups.values(), key=len)
        if 2 * len(best) < len(results) or len(best) < min(2, runs):
            return False
        mins = [min(r[0][i][0] for r in best) for i in range(len(best[0][0]))]
        return not any(late(t) >= LATE_SUSPECT for t in mins)

    while not settled() and len(results) < max(runs, MAX_RUNS):
        results.append(run_once(path))
    groups = {}
    for r in results:
        groups.setdefault(key(r), []).append(r)
    best = max(groups.values(), key=len)
    if 2 * len(best) < len(results) or (len(best) < 2 and len(results) > 1):
        import difflib

        (a_lines, a_rc), (b_lines, b_rc) = results[0], next(r for r in results if key(r) != key(results[0]))
        a = [f"{tag} {s}\n" for _, tag, s in a_lines] + [f"# exit {a_rc}\n"]
        b = [f"{tag} {s}\n" for _, tag, s in b_lines] + [f"# exit {b_rc}\n"]
        raise RuntimeError(
            f"not deterministic: {len(groups)} different outputs in {len(results)} runs, e.g.\n"
            + "".join(difflib.unified_diff(a, b, "run 1", "run N"))
        )
    lines, rc = best[0]
    mins = [(min(r[0][i][0] for r in best),) + lines[i][1:] for i in range(len(lines))]
    # An empty output line is written as "<t> |" (no trailing space).
    text = "".join(f"{stamp(t)} {tag} {s}\n" if s else f"{stamp(t)} {tag}\n" for t, tag, s in mins)
    if rc != 0:
        text += f"# exit {rc}\n"
    return text


def _higher_priority():
    """In the child: ask for a better nice value (works as root); the programs mostly sleep, so
    this only shortens how late they wake up on a machine busy with other work."""
    try:
        os.nice(-10)
    except OSError:
        pass


def run_once(path):
    """Run one program once; return ([(seconds, tag, text)], exit status)."""
    tmpdir = tempfile.mkdtemp(prefix="corpus-")
    try:
        shutil.copyfile(path, os.path.join(tmpdir, "main.py"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(PYTHONHASHSEED="0", PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1")
        try:
            proc = subprocess.run(
                [sys.executable, "-X", "utf8", "-s", "-c", BOOTSTRAP],
                cwd=tmpdir,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                preexec_fn=_higher_priority,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"ran longer than {TIMEOUT:.0f} s")
        if proc.stdout or proc.stderr:
            # Everything should have gone through the stamping writers.
            raise RuntimeError(
                "wrote around the stamping writers:\n" + (proc.stdout + proc.stderr).decode("utf-8", "replace")
            )
        with open(os.path.join(tmpdir, "_stamps.log"), "rb") as f:
            lines = normalize(parse_log(f.read()), tmpdir)
        return lines, proc.returncode
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def needs_skip(path):
    with open(path, encoding="utf-8") as f:
        first = f.readline().strip()
    if first == WEBSOCKETS_MARK:
        import importlib.util

        if importlib.util.find_spec("websockets") is None:
            return "needs websockets (not installed; a stand-in is provided later)"
    return None


def main(argv):
    check = "--check" in argv
    runs = RUNS
    for a in argv:
        if a.startswith("--runs="):
            runs = max(1, int(a.split("=", 1)[1]))
        if a.startswith("--grid="):
            global GRID_CS, LATE_SUSPECT
            GRID_CS = max(1, round(float(a.split("=", 1)[1]) * 100))
            LATE_SUSPECT = GRID_CS * 0.004
    names = [a for a in argv if not a.startswith("--")]
    programs = sorted(
        os.path.join(CORPUS, f)
        for f in os.listdir(CORPUS)
        if f.endswith(".py") and (not names or any(n in f for n in names))
    )
    if not programs:
        sys.exit("no programs found")
    failed, changed, skipped = [], [], []

    def one(path):
        reason = needs_skip(path)
        if reason:
            return path, None, reason
        try:
            return path, run_program(path, runs), None
        except RuntimeError as e:
            return path, None, e

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        for path, text, problem in pool.map(one, programs):
            name = os.path.basename(path)
            out = path[:-3] + ".out"
            if isinstance(problem, str):
                skipped.append(name)
                print(f"skip    {name}: {problem}")
                continue
            if problem is not None:
                failed.append(name)
                print(f"ERROR   {name}: {problem}")
                continue
            old = open(out, encoding="utf-8").read() if os.path.exists(out) else None
            if check:
                if old != text:
                    changed.append(name)
                    print(f"CHANGED {name}")
                    if old is not None:
                        import difflib

                        sys.stdout.writelines(difflib.unified_diff(
                            old.splitlines(True), text.splitlines(True), out, "(now)"))
                else:
                    print(f"ok      {name}")
            else:
                if old != text:
                    with open(out, "w", encoding="utf-8") as f:
                        f.write(text)
                print(f"{'wrote ' if old != text else 'same  '}  {name}")
    print(
        f"{len(programs)} programs: {len(failed)} errors, {len(skipped)} skipped"
        + (f", {len(changed)} changed" if check else "")
    )
    if failed or changed:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
