package dev.lambdarouter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;

/**
 * The region, found where the AWS CLI looks: {@code --region}, then {@code AWS_REGION}, then
 * {@code AWS_DEFAULT_REGION} (which the SDK alone ignores), then the profile's {@code region} in the config file
 * ({@code AWS_PROFILE}, else {@code default}; {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}).
 */
final class AwsRegion {
    private AwsRegion() {}

    /** @throws CliException (usage) naming every way to set a region, when none is set */
    static Region resolve(String option, Map<String, String> environment) {
        Optional<String> region = nonBlank(option)
                .or(() -> nonBlank(environment.get("AWS_REGION")))
                .or(() -> nonBlank(environment.get("AWS_DEFAULT_REGION")));
        if (region.isPresent()) {
            return Region.of(region.get());
        }
        String profile = nonBlank(environment.get("AWS_PROFILE")).orElse("default");
        Path config = configFile(environment);
        return profileRegion(config, profile)
                .map(Region::of)
                .orElseThrow(() -> CliException.usage("no AWS region: pass --region REGION, export AWS_REGION or"
                        + " AWS_DEFAULT_REGION, or set region in profile '" + profile + "' of " + config
                        + " (for the local stack: export AWS_DEFAULT_REGION=us-east-1)"));
    }

    private static Path configFile(Map<String, String> environment) {
        Optional<String> explicit = nonBlank(environment.get("AWS_CONFIG_FILE"));
        String home = nonBlank(environment.get("HOME")).orElseGet(() -> System.getProperty("user.home"));
        if (explicit.isPresent()) {
            String file = explicit.get();
            return file.startsWith("~/") ? Path.of(home, file.substring(2)) : Path.of(file);
        }
        return Path.of(home, ".aws", "config");
    }

    private static Optional<String> profileRegion(Path config, String profile) {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        return ProfileFile.builder()
                .content(config)
                .type(ProfileFile.Type.CONFIGURATION)
                .build()
                .profile(profile)
                .flatMap(p -> p.property(ProfileProperty.REGION))
                .flatMap(AwsRegion::nonBlank);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
