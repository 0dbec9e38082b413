"""Names that are not forums: a company, or one state's ministry or agency.

A forum is a mechanism through which parties engage. A readout that names "the National
Energy Administration" or "Acme Energy Ltd" as a partner names an organisation, not a
forum; the mapping types such a name as a kg:Organization instead. The test is of the name's
form only (general, no list of names): a company's legal suffix, or an agency's word
("Ministry", "Department", "Agency"...) with nothing that makes it shared between states
("International", "Joint", "United Nations", two states).
"""

from __future__ import annotations

import re
from functools import lru_cache

_COMPANY = re.compile(r"\b(?:Inc|Ltd|LLC|plc|PLC|Corp|Corporation|GmbH|S\.A|SpA|N\.V|Company|Limited|"
                      r"Holdings)\.?$")
_AGENCY = re.compile(r"\b(?:Ministry|Department|Agency|Administration|Authority|Bureau|Treasury|Fazenda|"
                     r"Directorate|Office|Service|Inspectorate|State Council)\b", re.IGNORECASE)
_SHARED = re.compile(r"\b(?:International|Intergovernmental|Inter-American|Joint|Global|World|United Nations|UN|"
                     r"Multilateral|Regional|Asian|African|European|Partnership|Dialogue|Forum|Council|Group|"
                     r"Working|Alliance|Platform|Initiative|Summit|Conference)\b")


@lru_cache(maxsize=4096)
def not_a_forum(name: str) -> bool:
    """Whether `name` is a company or one state's agency rather than a forum."""
    from kg.extract.gazetteer import find_actor_mentions

    text = name.strip()
    if _COMPANY.search(text):
        return True
    if not _AGENCY.search(text) or _SHARED.search(text):
        return False
    return len({m.code for m in find_actor_mentions(text)}) <= 1


__all__ = ["not_a_forum"]
