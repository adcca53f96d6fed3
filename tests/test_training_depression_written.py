"""`python -m training.depression_written`: the depression level on texts whose writer gave one."""

from __future__ import annotations

from pathlib import Path

import pytest
import training.depression_written as written

from waylight.core.textrisk import Detector

CASES = """\
cases:
  - text: >-
      Three months now of low mood most days. I can't sleep past 4am, I have no appetite
      and I've stopped going to work.
    suicide: indicator
    self_harm: false
    concern: watch
    depression: severe
  - text: Lovely walk by the river with the dog this morning.
    suicide: none
    self_harm: false
    concern: none
    depression: none
  - text: Cutting onions always makes me cry.
    suicide: none
    self_harm: false
    concern: none
"""


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cases") / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    return path


def test_only_texts_with_a_level_are_read(case_file: Path) -> None:
    texts, levels = written.labelled([case_file])
    assert levels == ["severe", "none"]
    assert len(texts) == 2


def test_the_report_counts_each_text_in_its_row(case_file: Path) -> None:
    texts, levels = written.labelled([case_file])
    result = written.report(texts, levels, Detector.batch())
    matrix = result["confusion"]["matrix"]
    assert result["n"] == 2
    # The walk is read as no depression; the months of low mood, sleep and appetite as some.
    assert matrix[0] == [1, 0, 0, 0]
    assert matrix[3][0] == 0 and sum(matrix[3]) == 1


def test_the_command_asks_for_a_source(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        written.main([])
    assert "name at least one source" in capsys.readouterr().err
