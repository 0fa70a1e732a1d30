"""scripts/check-template.py against the project's template and against copies of it with one defect each."""

import contextlib
import importlib.util
import io
import shutil
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"

# Loaded once: importing the SAM translator takes seconds, a check run a fraction of one.
_spec = importlib.util.spec_from_file_location("check_template", ROOT / "scripts" / "check-template.py")
check_template = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_template)


def run_check(template, *options):
    """Runs the script's main as its command line would; returns returncode, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        returncode = check_template.main([*options, str(template)])
    return SimpleNamespace(returncode=returncode, stdout=out.getvalue(), stderr=err.getvalue())


class CheckTemplateTest(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.copy = self.dir / "template.yaml"
        shutil.copy(TEMPLATE, self.copy)

    def edit(self, old, new):
        text = self.copy.read_text(encoding="utf-8")
        self.assertEqual(1, text.count(old), f"template.yaml no longer contains exactly one {old!r}")
        self.copy.write_text(text.replace(old, new), encoding="utf-8")

    def assertFailsWith(self, result, *fragments):
        self.assertEqual(1, result.returncode, result.stdout + result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)

    def test_project_template_passes(self):
        result = run_check(TEMPLATE)
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn("publishes a new version", result.stdout)

    def test_layer_change_must_publish_a_version(self):
        self.edit("      PublishLambdaVersion: true\n", "")
        self.assertFailsWith(run_check(self.copy),
                             "changing the content of layer DependenciesLayer (ContentUri) publishes no new version")

    def test_every_parameter_feeding_the_router_must_publish_a_version(self):
        for name in ("RouteCacheTtlSeconds", "HealthCheckPath", "AlbIdleTimeoutSeconds", "MetricsDimensions",
                     "RouterReservedConcurrency"):
            with self.subTest(name):
                shutil.copy(TEMPLATE, self.copy)
                self.edit("${" + name + "}", "unchanged")
                self.assertFailsWith(run_check(self.copy), f"changing parameter {name} ", "publishes no new version")

    def test_editing_a_seeded_route_without_moving_the_version_fails_and_fix_repairs_it(self):
        self.edit('{"function": "${OrdersV1Function}", "weight": 90}', '{"function": "${OrdersV1Function}", "weight": 80}')
        self.edit('{"function": "${OrdersV2Function}", "weight": 10}', '{"function": "${OrdersV2Function}", "weight": 20}')
        result = run_check(self.copy)
        self.assertFailsWith(result, "is not the hash of the seeded routes",
                             'Set RoutesVersionParameter Value: "seed-')

        fixed = run_check(self.copy, "--fix")
        self.assertEqual(0, fixed.returncode, fixed.stdout + fixed.stderr)
        self.assertEqual(0, run_check(self.copy).returncode)
        expected = result.stderr.split('Value: "')[1].split('"')[0]
        self.assertIn(f'Value: "{expected}"', self.copy.read_text(encoding="utf-8"))

    def test_the_version_must_be_written_after_every_seeded_route(self):
        self.edit("      - ReportsRouteParameter\n", "")
        self.assertFailsWith(run_check(self.copy), "must DependsOn every seeded route parameter",
                             "missing: ReportsRouteParameter")

    def test_the_published_allowlist_must_be_the_routers(self):
        self.edit("Value: !Sub ${OrdersV1Function},${OrdersV2Function},${ReportJobsFunction}",
                  "Value: !Sub ${OrdersV1Function},${OrdersV2Function}")
        self.assertFailsWith(run_check(self.copy), "ROUTER_ALLOWED_FUNCTIONS and AllowedFunctionsParameter Value differ")

    def test_the_router_must_get_the_load_balancers_idle_timeout(self):
        self.edit("          ROUTER_ALB_IDLE_TIMEOUT_SECONDS: !Ref AlbIdleTimeoutSeconds\n", "")
        self.assertFailsWith(run_check(self.copy),
                             "ROUTER_ALB_IDLE_TIMEOUT_SECONDS (null) and LoadBalancer idle_timeout.timeout_seconds")

    def test_the_load_balancer_must_have_no_egress(self):
        self.edit("          CidrIp: 127.0.0.1/32\n", "          CidrIp: 0.0.0.0/0\n")
        self.assertFailsWith(run_check(self.copy), "LoadBalancerSecurityGroup (security group of LoadBalancer) "
                                                   "must allow no egress")


if __name__ == "__main__":
    unittest.main()
