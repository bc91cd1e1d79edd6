package gg.deltacrown.validation;

/** Receives every drifted item of a full verification as it is found (e.g. {@link DriftIdsFile}). */
@FunctionalInterface
public interface DriftSink {

    DriftSink NONE = item -> {};

    void accept(DriftItem item);
}
