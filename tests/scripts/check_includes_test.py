"""scripts/check-includes: passes on this tree, fails on a copy of it with a
forbidden include planted, and reads house rules that still hold from
docs/architecture.md.

    python3 check_includes_test.py SOURCE_DIR
"""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else ".")
SCRIPT = os.path.join(SOURCE, "scripts", "check-includes")


def run(root):
    """(exit code, stderr) of the script on the tree at root."""
    done = subprocess.run(
        [sys.executable, SCRIPT, "--root", root], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stderr


def load_script():
    loader = importlib.machinery.SourceFileLoader("check_includes", SCRIPT)
    spec = importlib.util.spec_from_loader("check_includes", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class RealTree(unittest.TestCase):
    def test_passes(self):
        code, err = run(SOURCE)
        self.assertEqual(code, 0, err)
        self.assertEqual(err, "")

    def test_table_states_the_house_rules(self):
        rules = {
            name: allowed
            for _, name, allowed in load_script().read_rules(
                os.path.join(SOURCE, "docs", "architecture.md")
            )
        }
        for module in ("util", "model", "parse", "estimate", "schedule", "store", "exporters",
                       "cli", "pipeline"):
            self.assertIn(module, rules)
        self.assertEqual(rules["util"], set())
        self.assertEqual(rules["model"], {"util"})
        self.assertEqual(rules["exporters"], {"model", "util"})
        stages = {"parse", "estimate", "schedule"}
        for module in stages | {"store", "pipeline"}:
            self.assertIsNotNone(rules[module], module)
            self.assertNotIn("cli", rules[module], module)
        for stage in stages:
            self.assertFalse(rules[stage] & stages, f"{stage} may include another stage")
        self.assertIsNone(rules["cli"])


class PlantedInclude(unittest.TestCase):
    """A copy of the real modules and document, one include added at a time."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rplan-check-includes-")
        self.addCleanup(shutil.rmtree, self.root)
        for folder in ("docs", "planner", "exporters"):
            shutil.copytree(os.path.join(SOURCE, folder), os.path.join(self.root, folder))

    def plant(self, source, include):
        """Appends the include to source; returns its line number."""
        path = os.path.join(self.root, source)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write(f'#include "{include}"\n')
        with open(path, encoding="utf-8") as f:
            return sum(1 for _ in f)

    def expect_failure(self, source, include, module):
        line = self.plant(source, include)
        code, err = run(self.root)
        self.assertEqual(code, 1, err)
        self.assertIn(f'{source}:{line}: error: {module}/ includes "{include}"', err)
        self.assertEqual(err.count(": error: "), 1, err)

    def test_copy_passes_before_anything_is_planted(self):
        self.assertEqual(run(self.root), (0, ""))

    def test_exporter_including_the_store_fails(self):
        self.expect_failure("exporters/csv_export.cpp", "planner/store/store.hpp", "exporters")

    def test_exporter_including_a_stage_fails(self):
        self.expect_failure("exporters/xlsx_builder.hpp", "planner/schedule/scheduler.hpp",
                            "exporters")

    def test_stage_including_another_stage_fails(self):
        self.expect_failure("planner/parse/topic_parser.cpp", "planner/estimate/estimator.hpp",
                            "planner/parse")

    def test_include_beside_the_file_is_resolved(self):
        self.expect_failure("planner/schedule/calendar.cpp", "../parse/team_csv.hpp",
                            "planner/schedule")

    def test_store_including_cli_fails(self):
        self.expect_failure("planner/store/store.cpp", "planner/cli/io.hpp", "planner/store")

    def test_model_including_a_stage_fails(self):
        self.expect_failure("planner/model/model.hpp", "planner/parse/topic_parser.hpp",
                            "planner/model")

    def test_util_including_model_fails(self):
        self.expect_failure("planner/util/text.cpp", "planner/model/model.hpp", "planner/util")

    def test_cli_may_include_everything(self):
        self.plant("planner/cli/cli.cpp", "planner/store/store.hpp")
        self.plant("planner/cli/cli.cpp", "exporters/xlsx_writer.hpp")
        self.assertEqual(run(self.root), (0, ""))

    def test_pipeline_is_checked_once_its_folder_exists(self):
        self.plant("planner/pipeline/run.cpp", "planner/store/store.hpp")
        self.plant("planner/pipeline/run.cpp", "exporters/csv_export.hpp")
        self.assertEqual(run(self.root), (0, ""))
        self.expect_failure("planner/pipeline/run.hpp", "planner/cli/command.hpp",
                            "planner/pipeline")

    def test_folder_without_a_row_fails(self):
        self.plant("planner/extra/extra.cpp", "planner/util/text.hpp")
        code, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertIn("planner/extra/: error: no row", err)

    def test_missing_table_is_a_usage_error(self):
        with open(os.path.join(self.root, "docs", "architecture.md"), "w", encoding="utf-8") as f:
            f.write("# Architecture\n")
        code, err = run(self.root)
        self.assertEqual(code, 2)
        self.assertIn("no heading", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
