"""Reading: bytes from files, folders or stdin → `Document`.

Owns finding the readouts of a path (`sources`), decoding (UTF-8, UTF-16 with BOM, GB18030,
cp1252), HTML and markdown to text with page furniture removed (`html_text`, `plain_text`),
refusing what is not a readout (`input_checks`), and the `Document` value itself
(`document`). Knows no entity: what a readout says is `kg.extract`'s job.
"""

__all__ = ["document", "html_text", "input_checks", "plain_text", "sources"]
