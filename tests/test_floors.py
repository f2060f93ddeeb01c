"""The floors of pyproject.toml's import-linter contracts cover every module.

`make lint` runs the contracts; these checks make sure a new app or a new
search module cannot slip past them by not being named in any floor.
"""

import pkgutil
import tomllib
from pathlib import Path

import knowledge_portal
from knowledge_portal import search

ROOT = Path(__file__).resolve().parent.parent


def _contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {
        contract["name"]: contract
        for contract in config["tool"]["importlinter"]["contracts"]
    }


def _top_level_modules():
    return {
        f"knowledge_portal.{info.name}"
        for info in pkgutil.iter_modules(knowledge_portal.__path__)
    }


def test_every_top_level_module_stands_on_a_floor():
    contracts = _contracts()
    layers = next(c for c in contracts.values() if c["type"] == "layers")
    on_floors = {
        module.strip()
        for layer in layers["layers"]
        for module in layer.replace(":", "|").split("|")
    }
    settings = next(c for name, c in contracts.items() if name.startswith("Settings"))
    placed = on_floors | set(settings["source_modules"])
    assert _top_level_modules() - placed == set()


def test_the_whoosh_backend_is_forbidden_every_other_module():
    contract = next(
        c for name, c in _contracts().items() if name.startswith("The Whoosh backend")
    )
    forbidden = set(contract["forbidden_modules"])
    search_modules = {
        f"knowledge_portal.search.{info.name}"
        for info in pkgutil.iter_modules(search.__path__)
        if info.name != "backends"
    }
    others = (_top_level_modules() - {"knowledge_portal.search"}) | search_modules
    assert others - forbidden == set()


def test_domain_apps_are_all_declared_independent():
    contracts = _contracts()
    layers = next(c for c in contracts.values() if c["type"] == "layers")
    domain_floor = next(layer for layer in layers["layers"] if "plants" in layer)
    independent = next(c for c in contracts.values() if c["type"] == "independence")
    assert {m.strip() for m in domain_floor.split("|")} == set(independent["modules"])
