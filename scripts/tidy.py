#!/usr/bin/env python3
"""clang-tidy over the release build's sources under src/, fast enough for the test command.

Checks and their reasons are in .clang-tidy (warnings are errors). Every source file the release
build compiles under src/, except tests (*_test.cpp: each pulls in GoogleTest and would double the
run for code that never ships), is one test: "ok <file>" or it FAILED with its findings. Headers
under src/ are checked through the files that include them.

Two things make a full run cheap without checking less:
- A cache of passes, like ccache's: a file that passed is not checked again while its text, the
  text of every header it includes (from the build's dependency records), its compile flags, the
  checks and the clang-tidy version are all unchanged. Findings are never cached. The cache lives
  in $MINQING_TIDY_CACHE (default ~/.cache/minqing-tidy); MINQING_TIDY_CACHE=off disables it.
- Batches: most of the time goes into matching the checks against the standard library and
  third-party headers each file includes, so files of one directory with the same flags are
  checked together as one translation unit that includes them (up to BATCH files). A batch that
  has any finding, or does not compile as one unit (two files may define the same name in
  their anonymous namespaces), is checked again file by file, so every result and every finding
  printed is that of the file checked alone.

Usage: tidy.py [files...]   (no files: every file). Needs build/release (scripts/build.sh release).
MINQING_TIDY_BATCH=N sets the batch size (default 8; 1 checks every file alone).
Ends with one line "N passed, N failed".
"""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

BATCH = int(os.environ.get("MINQING_TIDY_BATCH", "8"))  # 1: every file alone.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "release")
WORK = os.path.join(ROOT, "build", "tidy")
LOGS = os.path.join(ROOT, "artifacts", "tidy")


def find_tidy():
    for name in ("clang-tidy-14", "clang-tidy"):
        path = shutil.which(name)
        if path:
            return path
    return None


def load_commands():
    with open(os.path.join(BUILD, "compile_commands.json"), encoding="utf-8") as f:
        db = json.load(f)
    commands = {}
    for entry in db:
        rel = os.path.relpath(entry["file"], ROOT)
        if not rel.startswith("src/") or rel.endswith("_test.cpp") or "/generated/" in rel:
            continue
        args = shlex.split(entry["command"])
        obj = args[args.index("-o") + 1] if "-o" in args else ""
        # The flags that shape the translation unit: everything but the output and the input.
        flags, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-c", "-MT", "-MF"):
                skip = True
                continue
            if a == "-MD" or a == entry["file"]:
                continue
            flags.append(a)
        commands[rel] = {"entry": entry, "object": obj, "flags": flags}
    return commands


def dependency_lists():
    """Object -> the files it was compiled from, from ninja's dependency log."""
    out = subprocess.run(["ninja", "-C", BUILD, "-t", "deps"], capture_output=True, text=True,
                         check=False).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if line and not line[0].isspace():
            current = line.split(":", 1)[0]
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(os.path.normpath(os.path.join(BUILD, line.strip())))
    return deps


def file_hashes(paths):
    hashes = {}
    for path in paths:
        try:
            with open(path, "rb") as f:
                hashes[path] = hashlib.sha1(f.read()).hexdigest()
        except OSError:
            hashes[path] = None
    return hashes


def cache_keys(files, commands, tidy):
    """File -> cache key, or None when the build has no dependency record of it."""
    version = subprocess.run([tidy, "--version"], capture_output=True, text=True,
                             check=False).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as f:
        config = hashlib.sha1(f.read()).hexdigest()
    deps = dependency_lists()
    needed = set()
    for rel in files:
        needed.update(deps.get(commands[rel]["object"], []))
    hashes = file_hashes(sorted(needed))
    keys = {}
    for rel in files:
        listed = deps.get(commands[rel]["object"])
        if not listed or any(hashes[p] is None for p in listed):
            keys[rel] = None
            continue
        h = hashlib.sha1()
        h.update(version.encode())
        h.update(config.encode())
        h.update(rel.encode())
        h.update(" ".join(commands[rel]["flags"]).replace(ROOT, ".").encode())
        for path in sorted(listed):
            h.update(os.path.relpath(path, ROOT).encode() if path.startswith(ROOT) else
                     path.encode())
            h.update(hashes[path].encode())
        keys[rel] = h.hexdigest()
    return keys


def run_tidy(tidy, build_dir, source):
    proc = subprocess.run([tidy, "-p", build_dir, "--quiet", source], capture_output=True,
                          text=True, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def make_batches(files, commands):
    groups = {}
    for rel in files:
        key = (os.path.dirname(rel), " ".join(commands[rel]["flags"]))
        groups.setdefault(key, []).append(rel)
    batches = []
    for members in groups.values():
        for i in range(0, len(members), BATCH):
            batches.append(members[i:i + BATCH])
    return batches


def write_batch_units(batches, commands):
    """Writes build/tidy/batch_N.cpp and build/tidy/compile_commands.json; returns the paths."""
    if os.path.isdir(WORK):
        shutil.rmtree(WORK)
    os.makedirs(WORK)
    entries, units = [], []
    for n, members in enumerate(batches):
        unit = os.path.join(WORK, f"batch_{n}.cpp")
        with open(unit, "w", encoding="utf-8") as f:
            for rel in members:
                f.write(f'#include "{os.path.join(ROOT, rel)}"  // NOLINT(bugprone-suspicious-include)\n')
        first = commands[members[0]]
        args = [shlex.split(first["entry"]["command"])[0]] + first["flags"] + ["-c", unit]
        entries.append({"directory": first["entry"]["directory"], "file": unit,
                        "command": shlex.join(args)})
        units.append(unit)
    with open(os.path.join(WORK, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f)
    return units


def log_path(rel):
    return os.path.join(LOGS, rel.replace("/", "_") + ".log")


def main():
    os.chdir(ROOT)
    tidy = find_tidy()
    if not tidy:
        print("tidy: clang-tidy not installed\n0 passed, 1 failed")
        return 1
    if not os.path.isfile(os.path.join(BUILD, "compile_commands.json")):
        print("tidy: build/release/compile_commands.json missing, run scripts/build.sh release")
        print("0 passed, 1 failed")
        return 1
    commands = load_commands()
    files = sorted(commands) if len(sys.argv) < 2 else [os.path.normpath(a) for a in sys.argv[1:]]
    unknown = [f for f in files if f not in commands]
    if unknown:
        print("tidy: not in the release build: " + " ".join(unknown) + "\n0 passed, 1 failed")
        return 1
    if os.path.isdir(LOGS):
        shutil.rmtree(LOGS)
    os.makedirs(LOGS)
    jobs = os.cpu_count() or 2

    cache_dir = os.environ.get("MINQING_TIDY_CACHE",
                               os.path.join(os.path.expanduser("~"), ".cache", "minqing-tidy"))
    keys = cache_keys(files, commands, tidy) if cache_dir != "off" else {f: None for f in files}
    if cache_dir != "off":
        os.makedirs(cache_dir, exist_ok=True)
    passed = {f for f in files if keys[f] and os.path.exists(os.path.join(cache_dir, keys[f]))}
    for rel in passed:
        with open(log_path(rel), "w", encoding="utf-8") as f:
            f.write("passed before with the same text, headers, flags, checks and clang-tidy\n")
    todo = [f for f in files if f not in passed]

    batches = make_batches(todo, commands)
    alone = [b[0] for b in batches if len(b) == 1]
    grouped = [b for b in batches if len(b) > 1]
    units = write_batch_units(grouped, commands)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        batch_runs = {pool.submit(run_tidy, tidy, WORK, u): members
                      for u, members in zip(units, grouped)}
        file_runs = {pool.submit(run_tidy, tidy, BUILD, f): f for f in alone}
        recheck = []
        for done in concurrent.futures.as_completed(batch_runs):
            status, _ = done.result()
            if status == 0:
                for rel in batch_runs[done]:
                    results[rel] = (0, "passed in a batch with " +
                                    " ".join(batch_runs[done]) + "\n")
            else:
                recheck.extend(batch_runs[done])
        for rel in recheck:
            file_runs[pool.submit(run_tidy, tidy, BUILD, rel)] = rel
        for done in concurrent.futures.as_completed(file_runs):
            results[file_runs[done]] = done.result()

    failed = []
    for rel in todo:
        status, output = results[rel]
        with open(log_path(rel), "w", encoding="utf-8") as f:
            f.write(output)
        if status == 0:
            if keys[rel]:
                open(os.path.join(cache_dir, keys[rel]), "w", encoding="utf-8").close()
        else:
            failed.append(rel)
    for rel in failed:
        print(f"tidy: {rel} FAILED")
        lines = sorted({line for line in results[rel][1].splitlines()
                        if re.search(r"error:|warning:", line) and "warnings generated" not in line})
        for line in lines[:20]:
            print(line)
    print(f"tidy: {len(files)} files: {len(passed)} passed before (cache), {len(todo)} checked in "
          f"{len(grouped)} batches and {len(alone)} alone, "
          f"{len([r for r in todo if not results[r][1].startswith('passed in a batch')])} "
          f"checked alone in all")
    print(f"{len(files) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
