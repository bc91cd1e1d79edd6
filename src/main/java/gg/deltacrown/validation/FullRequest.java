package gg.deltacrown.validation;

/**
 * The full verification asked of a report ({@code --full}): how many drifted items to list in it,
 * and where every one of them goes ({@link DriftIdsFile} for {@code --output-ids}).
 */
public record FullRequest(int samples, DriftSink sink) {

    public FullRequest {
        if (samples < 0) {
            throw new IllegalArgumentException("--drift-samples must be 0 or more (got " + samples + ")");
        }
        sink = sink == null ? DriftSink.NONE : sink;
    }
}
