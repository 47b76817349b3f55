package io.leadrouter.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.IntConsumer;

/** Work for when the current transaction ends, for caches that must forget what a write made stale. */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /**
     * Runs {@code afterCompletion} with the transaction's final {@link Status} when it ends.
     *
     * @return false when no transaction is active (or it is too late to join it): nothing was registered
     */
    public static boolean onCompletion(TransactionSynchronizationRegistry transactions, IntConsumer afterCompletion) {
        if (transactions.getTransactionKey() == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return false;
        }
        try {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    afterCompletion.accept(status);
                }
            });
            return true;
        } catch (IllegalStateException tooLate) {
            return false; // flushing at commit: no synchronisation can be added any more
        }
    }
}
