package org.mhpathway.system;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that take several queries, answered from one snapshot of the database. The processes behind a pathway move
 * while it is read (the job executor ends a called process, a clinician completes a task): read statement by
 * statement, a view can list an instance that is gone by the next query, or a task whose candidate groups are
 * already deleted. In one read-only transaction at {@code REPEATABLE READ} (on PostgreSQL a snapshot taken at the
 * first query) every query sees the same moment, and what the first query found is there for the last. The engine's
 * queries run in the same transaction: Camunda's Spring integration shares it.
 */
@Component
public class ConsistentReads {

    private final TransactionTemplate snapshot;

    public ConsistentReads(PlatformTransactionManager transactions) {
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** What {@code reading} returns, every query of it seeing the same moment. */
    public <T> T read(Supplier<T> reading) {
        return snapshot.execute(status -> reading.get());
    }
}
