package dev.lambdarouter.cli;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/** Records, in order, the parameter names of every PutParameter call the CLI's clients attempt. */
final class RecordedCalls implements ExecutionInterceptor {
    private final List<String> puts = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutParameterRequest put) {
            puts.add(put.name());
        }
    }

    synchronized List<String> puts() {
        return List.copyOf(puts);
    }
}
