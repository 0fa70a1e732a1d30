/**
 * Reading {@code template.yaml} for a local run: the YAML short forms, the intrinsic functions the template uses,
 * SAM's Globals, and what the stack needs from it (functions, the Lambda target group, the SSM parameters to seed).
 */
package dev.lambdarouter.localstack.template;
