"""The one registry of personal data: each app says what it holds about a person and how to erase it.

An app registers a `PersonalDataSection` in its AppConfig.ready(). Export calls every section's
`export`; erasure calls every section's `erase` (in reverse order of registration, so that apps
registered later — which depend on earlier ones — clean up first), then anonymises the account.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    description: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_sections: dict[str, PersonalDataSection] = {}


def register(section: PersonalDataSection) -> None:
    if section.key in _sections and _sections[section.key] is not section:
        raise ValueError(f"A personal-data section named {section.key!r} is already registered.")
    _sections[section.key] = section


def sections() -> list[PersonalDataSection]:
    return list(_sections.values())
