package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One stored version of a parameter, as {@code PutParameter} wrote it and the state file keeps it. Immutable. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ParameterVersion(String name, String type, String value, long version, long lastModified, String tier) {}
