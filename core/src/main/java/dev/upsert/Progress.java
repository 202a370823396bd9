package dev.upsert;

/** Told after each chunk of a long call; set with {@code UpsertOptions.Builder.progress}. */
@FunctionalInterface
public interface Progress {

    /**
     * @param rowsDone      entities processed so far in this call
     * @param rowsPerSecond the average rate since the call began
     * @param soFar         the counts so far
     */
    void onChunk(long rowsDone, double rowsPerSecond, UpsertResult soFar);
}
