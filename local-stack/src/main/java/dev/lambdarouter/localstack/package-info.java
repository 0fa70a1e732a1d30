/**
 * The local stack of {@code template.yaml}, without Docker: the command line ({@code LocalStack}), its settings
 * ({@code StackSettings}), starting and stopping the parts in order ({@code RunningStack}: Parameter Store, the
 * Lambda Invoke API, the functions, the ALB listener) and the banner with the endpoints and commands to try.
 *
 * <p>Packages: {@code template} reads the SAM template; {@code ssm} is Parameter Store; {@code lambda} runs the
 * functions and serves the Invoke API; {@code bootstrap} runs inside each function's JVM; {@code alb} is the load
 * balancer; {@code log} is the console the parts share.
 */
package dev.lambdarouter.localstack;
