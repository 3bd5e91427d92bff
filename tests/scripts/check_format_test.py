"""scripts/check-format: passes on formatted files, fails naming the file that
clang-format would change, in a throwaway git repository with this tree's
.clang-format.

    python3 check_format_test.py SOURCE_DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else ".")
SCRIPT = os.path.join(SOURCE, "scripts", "check-format")

FORMATTED = "int twice(int x) { return 2 * x; }\n"
UNFORMATTED = "int   twice( int x ){return 2*x;}\n"


class CheckFormat(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="rplan-check-format-")
        self.addCleanup(shutil.rmtree, self.root)
        shutil.copy(os.path.join(SOURCE, ".clang-format"), self.root)
        subprocess.run(["git", "init", "-q", self.root], check=True)

    def add(self, name, text):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run(["git", "-C", self.root, "add", name], check=True)

    def run_script(self):
        done = subprocess.run([SCRIPT, self.root], capture_output=True, text=True, check=False)
        return done.returncode, done.stderr

    def test_formatted_files_pass(self):
        self.add("a/twice.cpp", FORMATTED)
        self.add("a/twice.hpp", "#pragma once\n\n" + FORMATTED)
        self.assertEqual(self.run_script(), (0, ""))

    def test_an_unformatted_file_fails_and_is_named(self):
        self.add("a/twice.cpp", FORMATTED)
        self.add("b/bad.hpp", UNFORMATTED)
        code, err = self.run_script()
        self.assertEqual(code, 1, err)
        self.assertIn("b/bad.hpp: error: not formatted", err)
        self.assertNotIn("a/twice.cpp", err)
        self.assertIn("1 file(s) to format", err)

    def test_untracked_files_are_not_read(self):
        with open(os.path.join(self.root, "scratch.cpp"), "w", encoding="utf-8") as f:
            f.write(UNFORMATTED)
        self.assertEqual(self.run_script(), (0, ""))


if __name__ == "__main__":
    unittest.main(verbosity=2)
