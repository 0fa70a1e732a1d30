package dev.lambdarouter.rollout;

/** One target's numbers in the observation window: requests and p99 latency ({@code null}: no latency data). */
public record TargetSample(String target, long requests, Double p99Ms) {}
