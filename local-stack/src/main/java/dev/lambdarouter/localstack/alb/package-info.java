/**
 * The Application Load Balancer in front of the template's Lambda target group: an HTTP/1.1 listener that refuses
 * bad HTTP as the ALB does, the ALB event sent to the target, the check of its answer, and health checks.
 */
package dev.lambdarouter.localstack.alb;
