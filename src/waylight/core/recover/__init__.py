"""Recover (SPEC C5): following a person's own recovery over time, and coping in the moment.

Pure functions only; the web shell stores and shows what these return.

- `journal`: the daily check-in, checked field by field (`parse_check_in`).
- `notes`: the check-in note read by the text detector, and how Waylight answers.
- `urges`: "ride the urge", the timed wait with the urge rated before and after.
- `change`: repeated PHQ-9 / PHQ-A / GAD-7 totals read with the change rules.
- `milestones`: counts that only go up, and the optional "days since" counter.
- `toolbox`: the coping toolbox's content (grounding, breathing, ideas by kind).
- `reminders`: a check-in reminder as an iCalendar file, in words that do not say what it is for.

Their words and numbers are content: `content/recover/*.yaml`.
"""
