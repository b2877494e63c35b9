"""The README stays honest: its quick start is what CI runs, and its sessions are real output.

Every ```console block of README.md whose command is ``kg query`` or ``kg stats`` is re-run on
a fresh build of the sample articles, and its output must match the README byte for byte.
Run ``python tests/test_docs.py`` to rewrite those blocks after a deliberate change.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"```console\n\$ (kg (?:query|stats) [^\n]*)\n(.*?)```", re.S)


def quick_start() -> list[str]:
    """The two commands of the README's quick start, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.*?)\n```", section, re.S)


def run_session(command: str, out_dir: Path) -> str:
    """Run one ``kg ...`` README command against the sample build in ``out_dir``."""
    from click.testing import CliRunner

    from kg.cli import cli

    args = [a.replace("output/", f"{out_dir}/") for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_docs_quick_start_has_two_commands_and_ci_runs_the_second():
    commands = quick_start()
    assert len(commands) == 2, commands
    assert "kg build samples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines(), "the README's test command must appear verbatim in .ci/run"


def test_docs_every_command_is_documented():
    from kg.cli import cli

    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kg {name}" in text, f"kg {name} is not in the README"


def test_docs_sessions_are_real_output(sample_build):
    blocks = _BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    for command, expected in blocks:
        assert run_session(command, sample_build.out_dir) == expected, f"README output of `{command}` is stale; run python tests/test_docs.py"


def _update() -> None:  # pragma: no cover - maintenance helper
    import tempfile

    import kg

    with tempfile.TemporaryDirectory() as tmp:
        kg.build(ROOT / "samples", out=tmp, quiet=True)
        text = README.read_text(encoding="utf-8")
        text = _BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run_session(m.group(1), Path(tmp))}```", text)
        README.write_text(text, encoding="utf-8")
    print(f"updated {README}")


if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(ROOT))
    _update()
