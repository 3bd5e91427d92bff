#!/usr/bin/env bash
# Plans the bundled example (and the seed document when it is beside this
# checkout) with the real binary and validates each plan.json against
# schemas/plan.schema.json; then proves the check can fail on a broken file.
# usage: check_json_export.sh RPLAN PYTHON SOURCE_DIR
set -euo pipefail
rplan=$1 python=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795000000

"$rplan" run "$src/docs/examples/research-topics.md" --team "$src/docs/examples/team.csv" \
  --start 2026-12-07 --out "$work/example" >/dev/null
files=("$work/example/plan.json")
# Two days on, with one task done, one in progress and the rest open, the
# plan made again from now: history, done work and slipped tasks validate too.
ids=($("$rplan" --db "$work/example/rplan.db" list --format csv | tail -n +2 | cut -d, -f1))
later=(env SOURCE_DATE_EPOCH=1796817600)  # Wednesday 2026-12-09 12:00 UTC
"${later[@]}" "$rplan" --db "$work/example/rplan.db" task "${ids[0]}" --status done >/dev/null
"${later[@]}" "$rplan" --db "$work/example/rplan.db" task "${ids[1]}" --spent 3 >/dev/null
"${later[@]}" "$rplan" --db "$work/example/rplan.db" plan >/dev/null
# A forecast kept with that plan: the export's forecast section validates too.
"${later[@]}" "$rplan" --db "$work/example/rplan.db" forecast --runs 50 >/dev/null 2>&1
"${later[@]}" "$rplan" --db "$work/example/rplan.db" export json --out "$work/replanned.json" \
  >/dev/null
grep -q '"state":"history"' "$work/replanned.json"
grep -q '"forecast":{' "$work/replanned.json"
grep -q '"forecast":null' "$work/example/plan.json"
files+=("$work/replanned.json")
# Against the plan the re-plan replaced: a baseline section.
"${later[@]}" "$rplan" --db "$work/example/rplan.db" export json --baseline previous \
  --out "$work/baseline.json" >/dev/null
"$python" - "$work/baseline.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
changes = {c["id"]: c["change"] for c in plan["baseline"]["changes"]}
assert plan["baseline"]["name"] == "previous", plan["baseline"]["name"]
assert "done" in changes[plan["tasks"][0]["id"]] or any("done" in c for c in changes.values()), changes
assert len(plan["baseline"]["tasks"]) == len(plan["tasks"])
PY
files+=("$work/baseline.json")
seed="$src/../shared/seeds/backend-development-topics.md"
if [ -f "$seed" ]; then
  "$rplan" run "$seed" --assignees "Ada,Grace,Linus" --start 2026-12-07 --out "$work/seed" >/dev/null
  files+=("$work/seed/plan.json")
fi
"$python" "$src/tests/exporters/json/validate_plan.py" "$src/schemas/plan.schema.json" "${files[@]}"
# The workload and burn-up agree with the blocks, the calendars and the tasks.
"$python" "$src/tests/exporters/json/check_load.py" "${files[@]}"
# Slack: a task is critical exactly when it has no slack; the plan has a
# critical chain; done tasks have none.
"$python" - "${files[@]}" <<'PY'
import json, sys
for path in sys.argv[1:]:
    tasks = json.load(open(path))["tasks"]
    assert any(t["critical"] for t in tasks), path
    for t in tasks:
        planned = any(b["state"] == "planned" for b in t["blocks"]) and t["status"] != "done"
        assert (t["slack_hours"] is not None) == planned, (path, t["id"])
        assert t["critical"] == (t["slack_hours"] == 0), (path, t["id"])
PY

# A plan.json with a bad kind and a missing field must be rejected.
"$python" - "$work/example/plan.json" "$work/broken.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
plan["tasks"][0]["kind"] = "daydreaming"
del plan["tasks"][1]["blocks"]
json.dump(plan, open(sys.argv[2], "w"))
PY
if "$python" "$src/tests/exporters/json/validate_plan.py" "$src/schemas/plan.schema.json" \
    "$work/broken.json" >"$work/broken.log"; then
  echo "the schema accepted a broken plan.json" >&2
  exit 1
fi
grep -q "daydreaming" "$work/broken.log"
grep -q "blocks" "$work/broken.log"
echo "broken plan.json rejected as expected"
