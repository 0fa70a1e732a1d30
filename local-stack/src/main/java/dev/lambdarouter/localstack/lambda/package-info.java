/**
 * The local Lambda service: one JVM per execution environment (cold and warm starts, timeouts, crashes), the pool
 * and concurrency limits of each function, event invocations with retries, and Lambda's Invoke API over HTTP.
 */
package dev.lambdarouter.localstack.lambda;
