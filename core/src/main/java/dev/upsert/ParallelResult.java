package dev.upsert;

import java.util.List;

/**
 * What a parallel call did, partition by partition. Each partition is written and committed in
 * its own transaction, so some may have committed while others failed.
 *
 * @param partitions one result per partition, in partition order
 */
public record ParallelResult(List<Partition> partitions) {

    /**
     * @param index     the partition's number
     * @param rows      entities the partition carried
     * @param result    what it wrote, or {@code null} if it failed
     * @param failure   why it failed, or {@code null} if it committed
     */
    public record Partition(int index, int rows, UpsertResult result, RuntimeException failure) {
        /** Whether this partition's transaction committed. */
        public boolean committed() {
            return failure == null;
        }
    }

    public ParallelResult {
        partitions = List.copyOf(partitions);
    }

    /** Whether every partition committed. */
    public boolean allCommitted() {
        return partitions.stream().allMatch(Partition::committed);
    }

    /** The counts of the partitions that committed. */
    public UpsertResult committed() {
        return partitions.stream().filter(Partition::committed).map(Partition::result)
                .reduce(UpsertResult.EMPTY, UpsertResult::plus);
    }
}
