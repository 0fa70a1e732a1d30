/**
 * Parameter Store on loopback: the SSM operations the router, {@code scripts/routes} and the documented AWS CLI
 * commands call, over SSM's JSON wire protocol, with versions, tiers and a state file that survives restarts.
 */
package dev.lambdarouter.localstack.ssm;
