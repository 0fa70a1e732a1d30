package dev.lambdarouter.localstack.ssm;

/** The members of a {@code PutParameter} request the local store honours; absent members are {@code null}. */
record PutParameterRequest(
        String name,
        String value,
        String type,
        String tier,
        boolean overwrite,
        String description,
        String dataType,
        String allowedPattern,
        boolean hasTags) {}
