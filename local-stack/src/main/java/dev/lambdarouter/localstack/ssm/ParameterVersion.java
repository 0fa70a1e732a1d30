package dev.lambdarouter.localstack.ssm;

import java.time.Instant;

/** One stored version of a parameter: what {@code PutParameter} wrote. Immutable. */
record ParameterVersion(
        String name,
        String type,
        String value,
        long version,
        Instant lastModified,
        String tier,
        String dataType,
        String description,
        String allowedPattern) {}
