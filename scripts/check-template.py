#!/usr/bin/env python3
"""Checks what cfn-lint cannot see in template.yaml: the deploy-time behaviour of the SAM transform.

1. Every deploy-time change reaches the alias. For each function with AutoPublishAlias, the template is run
   through the real SAM translator (samtranslator, which ships with cfn-lint) as CloudFormation runs it (parameter
   values given, CodeUri/ContentUri as `sam deploy` rewrites them to S3), then again with one input changed: the
   function's code, the content of each layer it uses, and the value of each stack parameter its properties refer
   to. Each change must publish a new version: either the AWS::Lambda::Version gets a new logical id (SAM's hash),
   or one of its create-only properties resolves to a new value (CloudFormation then replaces the version, i.e.
   publishes a new one). Otherwise `$LATEST` changes while the alias keeps serving the old version.
2. Seeded routes move the version. `{prefix}/version` must hold `seed-<12 hex>`, a hash of the seeded route
   parameters (their Name and Value as written in the template), and must DependsOn every route parameter so that
   CloudFormation writes it last. `--fix` rewrites the Value in place.
3. The allowlist is written once. `{prefix}/allowed-functions` must hold exactly the router's
   ROUTER_ALLOWED_FUNCTIONS expression.
4. The load balancer and the routers agree: each router (a function with the router's Handler) gets
   ROUTER_ALB_IDLE_TIMEOUT_SECONDS from the same expression as the load balancer's idle_timeout.timeout_seconds,
   and the load balancer's security groups allow no egress (Lambda targets need none).

Usage: scripts/check-template.py [--fix] [TEMPLATE]   (default: template.yaml next to scripts/)
Exit status: 0 when every check passes, 1 when one fails (each failure is printed), 2 on usage or tool errors.
"""

import argparse
import copy
import hashlib
import json
import logging
import os
import re
import sys
from pathlib import Path

try:
    from samtranslator.intrinsics.resolver import IntrinsicsResolver
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    sys.exit("check-template: the SAM translator (python package samtranslator) is missing; it ships with cfn-lint:"
             " pip install cfn-lint")

# Dummy values for parameters without a Default (CloudFormation would be given real ones).
PLACEHOLDER_VALUES = {
    "AWS::EC2::VPC::Id": "vpc-0123456789abcdef0",
    "List<AWS::EC2::Subnet::Id>": "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
}
# Create-only properties of AWS::Lambda::Version (CloudFormation resource schema): a new value replaces the version.
VERSION_CREATE_ONLY = ("FunctionName", "Description", "CodeSha256", "ProvisionedConcurrencyConfig", "RuntimePolicy")
ROUTES_FOLDER = "/routes/"
VERSION_SUFFIX = "}/version"
ALLOWED_FUNCTIONS_SUFFIX = "}/allowed-functions"
ALLOWLIST_VARIABLE = "ROUTER_ALLOWED_FUNCTIONS"
# The rollout controller also has ROUTER_CONFIG_PREFIX; only the router answers the load balancer.
ROUTER_HANDLER = "dev.lambdarouter.router.RouterHandler::handleRequest"
IDLE_TIMEOUT_VARIABLE = "ROUTER_ALB_IDLE_TIMEOUT_SECONDS"
IDLE_TIMEOUT_ATTRIBUTE = "idle_timeout.timeout_seconds"
NO_EGRESS_CIDR = "127.0.0.1/32"


class Failures:
    def __init__(self):
        self.messages = []

    def add(self, message):
        self.messages.append(message)


# --------------------------------------------------------------------------------------------------------------
# 1. Every deploy-time change reaches the alias


def default_parameter_values(template):
    """Parameter values as CloudFormation passes them to the transform: strings, defaults where not given."""
    values = {}
    for name, declaration in template.get("Parameters", {}).items():
        if "Default" in declaration:
            default = declaration["Default"]
            values[name] = ",".join(default) if isinstance(default, list) else str(default)
        else:
            values[name] = PLACEHOLDER_VALUES.get(declaration.get("Type"), "placeholder")
    return values


def packaged(template, artifacts):
    """The template as `sam deploy` uploads it: local CodeUri/ContentUri paths become S3 URIs of their content."""
    template = copy.deepcopy(template)
    for logical_id, resource in template["Resources"].items():
        key = {"AWS::Serverless::Function": "CodeUri", "AWS::Serverless::LayerVersion": "ContentUri"}.get(
            resource.get("Type"))
        if key and isinstance(resource.get("Properties", {}).get(key), str):
            content = artifacts.get(logical_id, resource["Properties"][key])
            digest = hashlib.md5(content.encode()).hexdigest()  # sam package names objects by content hash
            resource["Properties"][key] = f"s3://deployment-bucket/{digest}"
    return template


def transform(template, parameter_values, artifacts=None):
    translator = Translator(managed_policy_map={}, sam_parser=Parser())
    return translator.translate(sam_template=packaged(template, artifacts or {}),
                                parameter_values=dict(parameter_values))


def published_version(transformed, function_id, parameter_values):
    """What decides whether a deploy publishes: the version's logical id and its resolved create-only properties."""
    resources = transformed["Resources"]
    aliases = [r for r in resources.values()
               if r["Type"] == "AWS::Lambda::Alias" and r["Properties"].get("FunctionName") == {"Ref": function_id}]
    if len(aliases) != 1:
        raise ValueError(f"{function_id}: expected one AWS::Lambda::Alias after the transform, found {len(aliases)}")
    target = aliases[0]["Properties"].get("FunctionVersion", {}).get("Fn::GetAtt", [None])[0]
    version = resources.get(target)
    if not version or version["Type"] != "AWS::Lambda::Version":
        raise ValueError(f"{function_id}: the alias's FunctionVersion does not name an AWS::Lambda::Version")
    properties = version.get("Properties", {})
    resolved = IntrinsicsResolver(dict(parameter_values)).resolve_parameter_refs(
        {name: copy.deepcopy(properties[name]) for name in VERSION_CREATE_ONLY if name in properties})
    return target, json.dumps(resolved, sort_keys=True)


def referenced_parameters(node, parameters):
    """Names of template parameters that `node` refers to with Ref or ${...} in Fn::Sub."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and value in parameters:
                found.add(value)
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                local = set(value[1]) if isinstance(value, list) and len(value) > 1 else set()
                found |= {name for name in re.findall(r"\$\{([^}!.]+)}", text) if name in parameters} - local
                if isinstance(value, list) and len(value) > 1:
                    found |= referenced_parameters(value[1], parameters)
            else:
                found |= referenced_parameters(value, parameters)
    elif isinstance(node, list):
        for item in node:
            found |= referenced_parameters(item, parameters)
    return found


def changed_value(name, declaration, current):
    """A different value the parameter accepts, or None."""
    allowed = declaration.get("AllowedValues")
    if allowed:
        return next((str(v) for v in allowed if str(v) != current), None)
    if declaration.get("Type") == "Number":
        number = int(current)
        maximum = declaration.get("MaxValue")
        return str(number + 1 if maximum is None or number + 1 <= int(maximum) else number - 1)
    pattern = declaration.get("AllowedPattern")
    max_length = int(declaration.get("MaxLength", 4096))
    for candidate in (current + "x", current[:-1] + "x", current[:-1], "x"):
        if (candidate != current and len(candidate) <= max_length
                and (pattern is None or re.fullmatch(pattern, candidate))):
            return candidate
    return None


def check_republish(template, failures):
    parameters = template.get("Parameters", {})
    base_values = default_parameter_values(template)
    base = transform(template, base_values)
    global_layers = template.get("Globals", {}).get("Function", {}).get("Layers", [])
    for function_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function" or "AutoPublishAlias" not in resource["Properties"]:
            continue
        before = published_version(base, function_id, base_values)
        changes = [(f"its code ({function_id} CodeUri)", base_values, {function_id: "changed code"})]
        for layer in resource["Properties"].get("Layers", global_layers):
            layer_id = layer.get("Ref") if isinstance(layer, dict) else None
            if template["Resources"].get(layer_id, {}).get("Type") == "AWS::Serverless::LayerVersion":
                changes.append((f"the content of layer {layer_id} (ContentUri)", base_values,
                                {layer_id: "changed content"}))
        function = base["Resources"][function_id]["Properties"]
        for name in sorted(referenced_parameters(function, parameters)):
            value = changed_value(name, parameters[name], base_values[name])
            if value is None:
                failures.add(f"{function_id}: cannot derive a second valid value for parameter {name} to test with")
                continue
            changes.append((f"parameter {name} ({base_values[name]!r} -> {value!r})", {**base_values, name: value},
                            {}))
        silent = [description for description, values, artifacts in changes
                  if published_version(transform(template, values, artifacts), function_id, values) == before]
        for description in silent:
            failures.add(
                f"{function_id}: changing {description} publishes no new version: the alias stays on "
                f"{before[0]} with the same create-only properties, so `$LATEST` changes and "
                f"{resource['Properties']['AutoPublishAlias']} does not. SAM hashes the unresolved template "
                "(aws/serverless-application-model#3820): a layer needs PublishLambdaVersion: true; a parameter "
                "must appear in the function's VersionDescription (create-only on AWS::Lambda::Version).")
        if not silent:
            print(f"ok  {function_id}: each of {len(changes)} deploy-time changes publishes a new version behind "
                  "the alias")


# --------------------------------------------------------------------------------------------------------------
# 2. Seeded routes move the version


def parameter_name(resource):
    name = resource.get("Properties", {}).get("Name")
    return name.get("Fn::Sub") if isinstance(name, dict) else name


def ssm_parameters(template, suffix=None, folder=None):
    found = {}
    for logical_id, resource in template["Resources"].items():
        name = parameter_name(resource) if resource.get("Type") == "AWS::SSM::Parameter" else None
        if isinstance(name, str) and (suffix and name.endswith(suffix) or folder and folder in name):
            found[logical_id] = resource
    return found


def seed_version(routes):
    """seed-<12 hex>: SHA-256 over each route parameter's Name and Value as written (canonical JSON, by logical id)."""
    canonical = json.dumps(
        {logical_id: {"Name": r["Properties"].get("Name"), "Value": r["Properties"].get("Value")}
         for logical_id, r in routes.items()},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "seed-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def seeded_version(template):
    """(route parameters, version parameters) of the template."""
    return ssm_parameters(template, folder=ROUTES_FOLDER), ssm_parameters(template, suffix=VERSION_SUFFIX)


def check_seed_version(template, failures):
    routes, versions = seeded_version(template)
    if not routes:
        print("ok  no seeded routes")
        return
    if len(versions) != 1:
        failures.add(f"seeded routes need exactly one AWS::SSM::Parameter named ...{VERSION_SUFFIX[1:]}, "
                     f"found {len(versions)}")
        return
    version_id, version = next(iter(versions.items()))
    expected = seed_version(routes)
    depends_on = version.get("DependsOn", [])
    depends_on = [depends_on] if isinstance(depends_on, str) else depends_on
    missing = sorted(set(routes) - set(depends_on))
    if missing:
        failures.add(f"{version_id} must DependsOn every seeded route parameter (CloudFormation then writes the "
                     f"version last); missing: {', '.join(missing)}")
    actual = version["Properties"].get("Value")
    if actual != expected:
        failures.add(f"{version_id}: Value {json.dumps(actual)} is not the hash of the seeded routes, so a stack "
                     "update that changes them would leave the version as it was (routers would see the new routes "
                     f"only at their full reload). Set {version_id} Value: \"{expected}\", or run "
                     "scripts/check-template.py --fix")
        return
    print(f"ok  {version_id} is {expected}, the hash of {len(routes)} seeded route parameter(s)")


def fix_seed_version(path, template):
    """Rewrites the version parameter's Value line in place when it is not the seeded routes' hash."""
    routes, versions = seeded_version(template)
    if not routes or len(versions) != 1:
        return
    version_id, version = next(iter(versions.items()))
    expected = seed_version(routes)
    if version["Properties"].get("Value") == expected:
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"^  {re.escape(version_id)}:\s*$", line)), None)
    for i in range(len(lines) if start is None else start + 1, len(lines)):
        if re.match(r"^  \S", lines[i]):
            break
        match = re.match(r"^(\s+Value:\s*).*$", lines[i])
        if match:
            lines[i] = f'{match.group(1)}"{expected}"\n'
            path.write_text("".join(lines), encoding="utf-8")
            print(f"fixed {path}: {version_id} Value: \"{expected}\"")
            return


# --------------------------------------------------------------------------------------------------------------
# 3. The allowlist is written once


def check_allowed_functions(template, failures):
    published = ssm_parameters(template, suffix=ALLOWED_FUNCTIONS_SUFFIX)
    functions = {logical_id: r for logical_id, r in template["Resources"].items()
                 if r.get("Type") == "AWS::Serverless::Function"
                 and ALLOWLIST_VARIABLE in r["Properties"].get("Environment", {}).get("Variables", {})}
    if not functions:
        return
    if len(published) != 1:
        failures.add(f"{', '.join(functions)} set {ALLOWLIST_VARIABLE}: the template needs exactly one "
                     f"AWS::SSM::Parameter named ...{ALLOWED_FUNCTIONS_SUFFIX[1:]} for the CLI, found {len(published)}")
        return
    parameter_id, parameter = next(iter(published.items()))
    for function_id, function in functions.items():
        if function["Properties"]["Environment"]["Variables"][ALLOWLIST_VARIABLE] != parameter["Properties"]["Value"]:
            failures.add(f"{function_id} {ALLOWLIST_VARIABLE} and {parameter_id} Value differ: write the same "
                         "expression in both, or the CLI checks routes against another list than the routers")
            return
    print(f"ok  {parameter_id} holds the same list as {ALLOWLIST_VARIABLE} of {', '.join(functions)}")


# --------------------------------------------------------------------------------------------------------------
# 4. The load balancer and the routers agree


def check_load_balancer(template, failures):
    resources = template["Resources"]
    routers = {logical_id: r["Properties"].get("Environment", {}).get("Variables", {})
               for logical_id, r in resources.items()
               if r.get("Type") == "AWS::Serverless::Function"
               and r["Properties"].get("Handler") == ROUTER_HANDLER}
    balancers = {logical_id: r["Properties"] for logical_id, r in resources.items()
                 if r.get("Type") == "AWS::ElasticLoadBalancingV2::LoadBalancer"}
    problems = len(failures.messages)
    for balancer_id, balancer in balancers.items():
        idle = next((a.get("Value") for a in balancer.get("LoadBalancerAttributes", [])
                     if a.get("Key") == IDLE_TIMEOUT_ATTRIBUTE), None)
        for router_id, variables in routers.items():
            if idle is None or variables.get(IDLE_TIMEOUT_VARIABLE) != idle:
                failures.add(f"{router_id} {IDLE_TIMEOUT_VARIABLE} ({json.dumps(variables.get(IDLE_TIMEOUT_VARIABLE))})"
                             f" and {balancer_id} {IDLE_TIMEOUT_ATTRIBUTE} ({json.dumps(idle)}) must be the same "
                             "expression (one template parameter), or the router bounds worker calls by another "
                             "timeout than the load balancer's")
        for group in balancer.get("SecurityGroups", []):
            group_id = group.get("Ref") if isinstance(group, dict) else None
            if group_id not in resources:
                continue
            egress = resources[group_id]["Properties"].get("SecurityGroupEgress")
            if not egress or any(rule.get("CidrIp") != NO_EGRESS_CIDR or "CidrIpv6" in rule for rule in egress):
                failures.add(f"{group_id} (security group of {balancer_id}) must allow no egress: without "
                             "SecurityGroupEgress a security group allows all outbound traffic; give one rule to "
                             f"{NO_EGRESS_CIDR} (Lambda targets need no egress)")
    if len(failures.messages) == problems and balancers:
        print(f"ok  {', '.join(balancers)}: idle timeout shared with {', '.join(routers)}; no egress")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent / "template.yaml")
    parser.add_argument("--fix", action="store_true", help="rewrite the seeded routes' version Value in place")
    args = parser.parse_args(argv)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.getLogger("samtranslator").setLevel(logging.CRITICAL)
    try:
        template = yaml_parse(args.template.read_text(encoding="utf-8"))
        if args.fix:
            fix_seed_version(args.template, template)
            template = yaml_parse(args.template.read_text(encoding="utf-8"))
    except OSError as e:
        print(f"check-template: cannot read or write {args.template}: {e.strerror}", file=sys.stderr)
        return 2

    failures = Failures()
    check_republish(template, failures)
    check_seed_version(template, failures)
    check_allowed_functions(template, failures)
    check_load_balancer(template, failures)

    for message in failures.messages:
        print(f"FAIL {message}", file=sys.stderr)
    if failures.messages:
        print(f"check-template: {len(failures.messages)} problem(s) in {args.template}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
