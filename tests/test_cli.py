"""The CLI boundary: version, help, schema, and how errors become exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from attribtrack import cli as cli_module
from attribtrack.cli import cli
from attribtrack.errors import InputError
from attribtrack.schemas import SCHEMAS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == "attribtrack, version 0.1.0"


def test_help_lists_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for name in cli_module.COMMANDS:
        assert name in out


def test_python_dash_m() -> None:
    proc = subprocess.run([sys.executable, "-m", "attribtrack", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "0.1.0" in proc.stdout


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_prints_json_schema(name: str) -> None:
    code, out, _ = run("schema", name)
    assert code == 0
    schema = json.loads(out)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_claims_uses_contract_field_names() -> None:
    _, out, _ = run("schema", "claims")
    assert set(json.loads(out)["properties"]) == {"schema", "document", "claims", "entities"}


def test_unknown_command_is_usage_error() -> None:
    code, _, err = run("no-such-command")
    assert code == 2
    assert "No such command" in err


def _install(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    @click.command()
    def boom() -> None:
        raise exc

    module = type(sys)("attribtrack_test_boom")
    module.boom = boom  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "attribtrack_test_boom", module)
    monkeypatch.setitem(cli_module.COMMANDS, "boom", "attribtrack_test_boom:boom")


def test_library_error_is_one_line_with_its_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    _install(monkeypatch, InputError("cannot read x.txt", hint="try --encoding latin-1"))
    code, out, err = run("boom")
    assert code == 3
    assert out == ""
    assert err == "attribtrack: error: cannot read x.txt (try --encoding latin-1)\n"


def test_unexpected_error_asks_for_a_report_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _install(monkeypatch, ZeroDivisionError("division by zero"))
    code, _, err = run("boom")
    assert code == 70
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _install(monkeypatch, ZeroDivisionError("division by zero"))
    result = CliRunner().invoke(cli, ["--debug", "boom"])
    assert isinstance(result.exception, ZeroDivisionError)


@pytest.mark.parametrize("command", ["check", "sources", "diff", "show"])
def test_encoding_option_reads_legacy_files(command: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "legacy.txt"
    draft.write_bytes("The café owner said the road would reopen.".encode("latin-1"))
    args = [command, str(draft)] + ([str(draft)] if command == "diff" else [])
    code, _, err = run(*args)
    assert code == 3 and "--encoding" in err
    code, out, err = run(*args, "--encoding", "latin-1")
    assert code == 0, err
    if command == "show":
        assert out == "The café owner said the road would reopen."


_PROBE = """
import os, sys
os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from attribtrack.cli import _no_plugin_loader
_no_plugin_loader()
from attribtrack.extractor import extract
claims = extract("The mayor said the pier was safe.")
loader = sys.modules["pydantic.plugin._loader"]
print(len(claims.claims), "importlib.metadata" in sys.modules, list(loader.get_plugins()))
print(loader.PYDANTIC_ENTRY_POINT_GROUP)  # any other name: the real loader, imported then
print("importlib.metadata" in sys.modules)
"""


def test_plugin_loader_stand_in_skips_importlib_metadata_and_delegates() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["1 False []", "pydantic", "True"]
