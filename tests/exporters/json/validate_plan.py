"""Validates plan.json files against schemas/plan.schema.json with jsonschema.

usage: validate_plan.py SCHEMA PLAN.json...
Exits non-zero, printing each violation, when a file does not conform.
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    failed = 0
    for path in sys.argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
        failed += bool(errors)
        if not errors:
            print(f"{path}: valid ({len(document['tasks'])} tasks)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
