"""Entity-ruler patterns for what the general English model misses in this domain.

The ruler runs before spaCy's ``ner`` so its spans win. Patterns are shapes first (designators
such as ``Su-30`` or ``Pantsir-S1``), short lexicons second (system families, state companies,
security agencies) -- never a list of names fitted to one corpus. Each named pattern carries an
invented example sentence.
"""

from __future__ import annotations

from typing import Any

RULER_NAME = "caseboard_ruler"

# Letter prefix + number designators that are not weapons: summits, gangs, visas, diseases.
_NOT_WEAPON = r"(?!(?:G|MS|H|COVID|SARS|PM|I)-)"

# Example sentence -- The squadron flies Su-30 fighters and two Tu-160 bombers landed at the base.
# Also "S-300", "Il-76", "F-16s", "MiG-29", "Kh-101", "B-52".
DESIGNATOR: dict[str, Any] = {
    "label": "WEAPON",
    "id": "designator",
    "pattern": [{"TEXT": {"REGEX": _NOT_WEAPON + r"^[A-Z][A-Za-z]{0,2}-\d{1,4}[A-Z]{0,2}\d*s?$"}}],
}

# Example sentence -- Batteries of Pantsir-S1 and Igla-S launchers guard the port.
FAMILY_VARIANT: dict[str, Any] = {
    "label": "WEAPON",
    "id": "family_variant",
    "pattern": [
        {"TEXT": {"REGEX": r"^[A-Z][a-z]{2,}$"}},
        {"TEXT": "-"},
        {"TEXT": {"REGEX": r"^[A-Z]{1,2}\d{0,2}[A-Z]?$"}},
    ],
}

# System families whose names have no designator shape.
WEAPON_FAMILIES = (
    "Buk", "Pechora", "Igla", "Pantsir", "Iskander", "Kalibr", "Kinzhal", "Tomahawk",
    "HIMARS", "Javelin", "Stinger", "Kornet", "Oreshnik", "Sarmat", "Avangard", "Shahed",
    "Bastion", "Zircon", "Tsirkon", "Krasukha",
)  # fmt: skip

# Example sentence -- Russia sold Buk launchers and Pechora batteries to the army.
FAMILY: dict[str, Any] = {
    "label": "WEAPON",
    "id": "family",
    "pattern": [{"TEXT": {"IN": list(WEAPON_FAMILIES)}}],
}

# Example sentence -- The USS Gerald R. Ford sailed into the Caribbean.
SHIP: dict[str, Any] = {
    "label": "WEAPON",
    "id": "ship",
    "pattern": [
        {"TEXT": {"IN": ["USS", "HMS", "RFS", "INS", "HMCS", "HMAS", "FS", "ARV", "BAP"]}},
        {"TEXT": {"REGEX": r"^(?:[A-Z][a-z]+|[A-Z]\.?)$"}, "OP": "+"},
    ],
}

# State companies (energy, arms) that the small model tags inconsistently.
STATE_COMPANIES = (
    "PDVSA", "Rosneft", "Roszarubezhneft", "Zarubezhneft", "Gazprom", "Lukoil", "Novatek",
    "Rosoboronexport", "Rostec", "Rosatom", "Transneft", "CITGO", "Citgo", "CNPC", "Sinopec",
    "Pemex", "Petrobras", "Aramco",
)  # fmt: skip

# Example sentence -- Rosneft shipped crude for PDVSA while Gazprom Neft looked on.
COMPANY: dict[str, Any] = {
    "label": "ORG",
    "id": "state_company",
    "pattern": [{"TEXT": {"IN": list(STATE_COMPANIES)}}, {"TEXT": "Neft", "OP": "?"}],
}

# Security and intelligence agencies and private military companies.
AGENCIES = (
    "CIA", "FSB", "GRU", "SVR", "NSA", "FBI", "DEA", "DIA", "SEBIN", "DGCIM", "MI6", "Mossad",
)  # fmt: skip

# Example sentence -- Officers of the GRU met CIA analysts. / The Wagner group sent instructors.
AGENCY: dict[str, Any] = {
    "label": "ORG",
    "id": "agency",
    "pattern": [{"TEXT": {"IN": list(AGENCIES)}}],
}
PMC: dict[str, Any] = {
    "label": "ORG",
    "id": "pmc",
    "pattern": [{"TEXT": {"IN": ["Wagner", "Redut"]}}, {"LOWER": "group", "OP": "?"}],
}
# Example sentence -- Africa Corps instructors arrived in Bamako.
AFRICA_CORPS: dict[str, Any] = {
    "label": "ORG",
    "id": "pmc",
    "pattern": [{"TEXT": "Africa"}, {"TEXT": "Corps"}],
}

PATTERNS: tuple[dict[str, Any], ...] = (
    DESIGNATOR,
    FAMILY_VARIANT,
    FAMILY,
    SHIP,
    COMPANY,
    AGENCY,
    PMC,
    AFRICA_CORPS,
)
