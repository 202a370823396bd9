package dev.upsert.spring;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.UpsertOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The application's default {@link UpsertOptions}, from the {@code upsert.*} properties. */
@ConfigurationProperties("upsert")
public class UpsertProperties {

    /** What to do when one call repeats a natural key: LAST_WINS, FIRST_WINS or FAIL. */
    private DuplicateKeyPolicy duplicateKeyPolicy = DuplicateKeyPolicy.LAST_WINS;

    /** Most rows sent in one statement; lowered further to stay within the database's parameter limit. */
    private int chunkSize = UpsertOptions.DEFAULT_CHUNK_SIZE;

    /** Leave rows whose values would not change untouched (no version bump, no update timestamp). */
    private boolean skipUnchanged = true;

    public DuplicateKeyPolicy getDuplicateKeyPolicy() {
        return duplicateKeyPolicy;
    }

    public void setDuplicateKeyPolicy(DuplicateKeyPolicy duplicateKeyPolicy) {
        this.duplicateKeyPolicy = duplicateKeyPolicy;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public boolean isSkipUnchanged() {
        return skipUnchanged;
    }

    public void setSkipUnchanged(boolean skipUnchanged) {
        this.skipUnchanged = skipUnchanged;
    }

    UpsertOptions toOptions() {
        return UpsertOptions.builder().duplicateKeyPolicy(duplicateKeyPolicy).chunkSize(chunkSize)
                .skipUnchanged(skipUnchanged).build();
    }
}
