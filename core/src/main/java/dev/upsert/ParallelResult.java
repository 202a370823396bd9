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
     * @param entities  the entities the partition carried, in the caller's order: a failed
     *                  partition's can be sent again, alone
     * @param result    what it wrote, or {@code null} if it failed
     * @param failure   why it failed, or {@code null} if it committed; positions in its message
     *                  count within {@code entities}
     */
    public record Partition(int index, List<Object> entities, UpsertResult result, RuntimeException failure) {

        public Partition {
            entities = List.copyOf(entities);
        }

        /** How many entities the partition carried. */
        public int rows() {
            return entities.size();
        }

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
