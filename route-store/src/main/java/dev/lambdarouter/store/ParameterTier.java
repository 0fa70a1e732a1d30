package dev.lambdarouter.store;

/** The Parameter Store tier route parameters are written in, and the value size it allows. */
public enum ParameterTier {
    STANDARD(4096, software.amazon.awssdk.services.ssm.model.ParameterTier.STANDARD),
    ADVANCED(8192, software.amazon.awssdk.services.ssm.model.ParameterTier.ADVANCED);

    private final int maxCharacters;
    private final software.amazon.awssdk.services.ssm.model.ParameterTier sdkTier;

    ParameterTier(int maxCharacters, software.amazon.awssdk.services.ssm.model.ParameterTier sdkTier) {
        this.maxCharacters = maxCharacters;
        this.sdkTier = sdkTier;
    }

    /** The largest value, in characters, a parameter of this tier holds (AWS enforces it; moto does not). */
    public int maxCharacters() {
        return maxCharacters;
    }

    public software.amazon.awssdk.services.ssm.model.ParameterTier sdkTier() {
        return sdkTier;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
