package dev.retrospec.codegen.load;

/**
 * How far the loader goes with a description it did not write.
 *
 * @param allowRemoteRefs whether a {@code $ref} may name a URL, fetched during the build; off by default, so that no
 *     description makes a build reach out to the network unannounced
 * @param maxDescriptionNodes the ceiling on the nodes of each document, with YAML aliases expanded
 */
public record LoadOptions(boolean allowRemoteRefs, long maxDescriptionNodes) {
    public static final LoadOptions DEFAULTS = new LoadOptions(false, DescriptionScan.DEFAULT_MAX_NODES);

    public LoadOptions {
        if (maxDescriptionNodes < 1) {
            throw new IllegalArgumentException("maxDescriptionNodes < 1: " + maxDescriptionNodes);
        }
    }
}
