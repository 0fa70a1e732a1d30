package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.OptBoolean;

/**
 * One stored version of a parameter, as {@code PutParameter} wrote it and the state file keeps it. Immutable.
 *
 * @param lastModifiedUser the IAM user ARN of the writer ({@link ParameterTable#LOCAL_STACK_USER} for
 *                         seeded parameters and in state files written before the field existed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ParameterVersion(
        String name,
        String type,
        String value,
        long version,
        long lastModified,
        String tier,

        @JacksonInject(value = "lastModifiedUser", useInput = OptBoolean.TRUE)
        String lastModifiedUser) {}
