from generator.checks import CHECKS, run_checks
from generator.model import Content
from generator.problems import Problems


def test_every_check_has_a_module_docstring() -> None:
    import importlib

    for name in CHECKS:
        module = importlib.import_module(f"generator.checks.{name.replace('-', '_')}")
        assert module.__doc__, f"check {name} is undocumented"


def test_a_crashing_check_becomes_one_error() -> None:
    def broken(content: Content, problems: Problems) -> None:
        raise KeyError("boom")

    problems = Problems()
    run_checks(Content(), problems, checks={"broken-thing": broken})
    assert [str(p) for p in problems] == [
        "generator/checks/broken_thing.py:1:1: error: check 'broken-thing' crashed (KeyError: 'boom'); please report this as a bug"
    ]
