"""scripts/deploy with fake `mvn` and `sam` on PATH: order of steps, arguments, and a missing sam."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "scripts" / "deploy"


class DeployTest(unittest.TestCase):

    def setUp(self):
        self.bin = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.bin)
        self.log = self.bin / "calls.log"
        # python3 as the interpreter running this test (the check script needs samtranslator).
        self.fake("python3", f'exec "{sys.executable}" "$@"')

    def fake(self, name, body):
        path = self.bin / name
        path.write_text(f"#!/usr/bin/env bash\n{body}\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)

    def recording(self, name, status=0):
        # One line per call: the tool, its working directory, then each argument in brackets.
        self.fake(name, f'line="{name} $(pwd)"; for a in "$@"; do line+=" [$a]"; done; '
                        f'echo "$line" >> "{self.log}"; exit {status}')

    def deploy(self, *args, path=None):
        env = dict(os.environ, PATH=path or f"{self.bin}{os.pathsep}{os.environ['PATH']}")
        return subprocess.run(["bash", str(DEPLOY), *args], capture_output=True, text=True, env=env, timeout=120)

    def calls(self):
        return self.log.read_text().splitlines() if self.log.exists() else []

    def test_builds_checks_then_deploys_template_yaml_with_the_given_arguments(self):
        self.recording("mvn")
        self.recording("sam")
        result = self.deploy("--guided", "--parameter-overrides", "Stage=qa HealthCheckPath=/up")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertEqual([
            f"mvn {ROOT} [-B] [-ntp] [package] [-DskipTests]",
            f"sam {ROOT} [deploy] [--template-file] [template.yaml] [--guided] [--parameter-overrides] "
            "[Stage=qa HealthCheckPath=/up]",
        ], self.calls())
        self.assertIn("publishes a new version", result.stdout, "the template check ran between build and deploy")

    def test_a_failed_build_deploys_nothing(self):
        self.recording("mvn", status=1)
        self.recording("sam")
        result = self.deploy()
        self.assertNotEqual(0, result.returncode)
        self.assertEqual(["mvn"], [call.split()[0] for call in self.calls()])

    def test_another_template_is_refused(self):
        self.recording("mvn")
        self.recording("sam")
        for option in ("-t", "--template-file", "--template-file=.aws-sam/build/template.yaml"):
            with self.subTest(option):
                result = self.deploy(option, ".aws-sam/build/template.yaml")
                self.assertEqual(2, result.returncode)
                self.assertIn("always deploys template.yaml", result.stderr)
        self.assertEqual([], self.calls())

    def test_missing_sam_is_named_before_anything_runs(self):
        self.recording("mvn")
        system = [d for d in ("/usr/bin", "/bin") if Path(d).is_dir()]
        if any((Path(d) / "sam").exists() for d in system):
            self.skipTest("a real sam is installed in a system directory")
        result = self.deploy("--guided", path=os.pathsep.join([str(self.bin), *system]))
        self.assertEqual(2, result.returncode)
        self.assertIn("the AWS SAM CLI (sam) is not on PATH", result.stderr)
        self.assertEqual([], self.calls())


if __name__ == "__main__":
    unittest.main()
