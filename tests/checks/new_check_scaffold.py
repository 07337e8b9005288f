#!/usr/bin/env python3
"""Adding a check is its file and its test, and nothing else:

    tests/checks/new_check_scaffold.py SOURCE_DIR BUILD_DIR

In a copy of the source tree (a git repository of its own), scripts/new-check scaffolds a check;
`git status` must then show the two new files and no other change. The new check is compiled with
the flags the build gives every check (compile_commands.json) and linked into mra-preflight with
the build's own link command and libraries; that binary's catalogue, its profile selection and
docs/generate must list the check, and the scaffolded test must compile. Building a second tree
from scratch would prove the same at ten times the cost: the build globs checks/ with
CONFIGURE_DEPENDS, so a file there is in the next build.
"""
import json
import pathlib
import shlex
import subprocess
import sys
import tempfile

GROUP, NAME = "dns", "scaffold-probe"
CHECK_ID = f"{GROUP}.{NAME}"


def run(command, cwd, **kwargs):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAIL: {command if isinstance(command, str) else shlex.join(command)} exited "
                 f"{result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def copy_tree(source, destination):
    """The files git knows or would add, as they are in the working tree, in a fresh repository."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], source)
    for name in filter(None, listed.split("\0")):
        origin = source / name
        if not origin.is_file():
            continue  # deleted in the working tree
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(origin.read_bytes())
        target.chmod(origin.stat().st_mode)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    run(git + ["init", "-q"], destination)
    run(git + ["add", "-A"], destination)
    run(git + ["commit", "-q", "-m", "copy"], destination)


def compile_command(build, source_suffix):
    """The build's command for the source ending in source_suffix, as (directory, argv)."""
    for entry in json.loads((build / "compile_commands.json").read_text()):
        if entry["file"].endswith(source_suffix):
            return entry["directory"], shlex.split(entry["command"])
    sys.exit(f"FAIL: no compile command for {source_suffix} in {build}/compile_commands.json")


def compiled_like(build, model_suffix, source, output_arguments):
    """Compiles `source` as the build compiles `model_suffix`, with `output_arguments` for -o."""
    directory, argv = compile_command(build, model_suffix)
    out = argv.index("-o")
    argv[out:out + 2] = output_arguments
    argv[argv.index("-c") + 1] = str(source)
    run(argv, directory)


def link_command(build):
    """mra-preflight's link command, as the build's generator wrote it."""
    link_txt = build / "CMakeFiles" / "mra-preflight.dir" / "link.txt"
    if link_txt.exists():
        return link_txt.read_text().strip()
    return run(["ninja", "-t", "commands", "mra-preflight"], build).strip().splitlines()[-1]


def main():
    source, build = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        tree = scratch / "tree"
        copy_tree(source, tree)

        print(run(["scripts/new-check", GROUP, NAME], tree), end="")
        check_file = f"checks/{GROUP}/{NAME.replace('-', '_')}.cpp"
        test_file = f"tests/checks/{GROUP}/{NAME.replace('-', '_')}_test.cpp"
        status = run(["git", "status", "--porcelain", "--untracked-files=all"], tree).splitlines()
        if sorted(status) != sorted([f"?? {check_file}", f"?? {test_file}"]):
            sys.exit(f"FAIL: git status after new-check:\n" + "\n".join(status))
        run(["clang-format", "--dry-run", "--Werror", check_file, test_file], tree)
        # The same refusal twice: the files exist now.
        again = subprocess.run(["scripts/new-check", GROUP, NAME], cwd=tree, capture_output=True, text=True)
        if again.returncode == 0 or "exists" not in again.stderr:
            sys.exit(f"FAIL: a second new-check {GROUP} {NAME} was not refused: {again.stderr}")

        check_object = scratch / "new_check.o"
        compiled_like(build, f"/checks/{GROUP}/resolver.cpp", tree / check_file, ["-o", str(check_object)])
        compiled_like(build, f"/tests/checks/{GROUP}/resolver_test.cpp", tree / test_file, ["-fsyntax-only"])

        binary = scratch / "mra-preflight"
        link = link_command(build).replace("-o mra-preflight", f"-o {binary}", 1)
        main_object = "CMakeFiles/mra-preflight.dir/src/main.cpp.o"
        if main_object not in link:
            sys.exit(f"FAIL: {main_object} not in the link command: {link}")
        run(link.replace(main_object, f"{main_object} {check_object}", 1), build, shell=True)

        ids = [check["id"] for check in json.loads(run([str(binary), "checks", "--format", "json"], tree))["checks"]]
        group = [i for i in ids if i.startswith(GROUP + ".")]
        if CHECK_ID not in ids or group[-1] != CHECK_ID:
            sys.exit(f"FAIL: the catalogue does not end the {GROUP} group with {CHECK_ID}: {group}")
        selected = json.loads(run([str(binary), "checks", "--profile", "mra-readiness", "--format", "json"], tree))
        if CHECK_ID not in [check["id"] for check in selected["checks"]]:
            sys.exit(f"FAIL: the profile mra-readiness ({GROUP}.*) does not select {CHECK_ID}")
        run(["docs/generate", str(binary), str(scratch / "checks.md")], tree)
        if f"### {CHECK_ID}\n" not in (scratch / "checks.md").read_text():
            sys.exit(f"FAIL: docs/generate does not list {CHECK_ID}")
    print(f"ok: {CHECK_ID} scaffolded (2 new files, nothing else changed), built, catalogued, selected, documented")


if __name__ == "__main__":
    main()
