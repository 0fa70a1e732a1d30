/**
 * The Application Load Balancer in front of the template's Lambda target group: the HTTP/1.1 listener (Jetty, with
 * the load balancer's limits and error pages), the ALB event sent to the target, the check of its answer, and
 * health checks.
 */
package dev.lambdarouter.localstack.alb;
