package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.template.FunctionSpec;

/**
 * A function as one invocation addresses it.
 *
 * @param spec       the function
 * @param qualifier  {@code $LATEST}, the alias or a version number as given, or {@code null}
 * @param invokedArn the ARN the handler's {@code Context.getInvokedFunctionArn()} reports (qualified if given)
 */
public record FunctionTarget(FunctionSpec spec, String qualifier, String invokedArn) {}
