package io.leadrouter.reload;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The compile thread lowers its own OS priority (Linux: nice value per thread), and only its own. */
class CompileThreadTest {

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(CompileThread.currentNice().isPresent(), "per-thread nice values are read from /proc (Linux)");
    }

    private static OptionalInt niceOfANewThread(int nice) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(CompileThread.factory(nice));
        try {
            return thread.submit(CompileThread::currentNice).get();
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void theThreadRunsItsTasksAtTheRequestedNiceValueAndTheCallerKeepsItsOwn() throws Exception {
        int callerBefore = CompileThread.currentNice().getAsInt();
        assumeTrue(callerBefore < 7, "the test JVM itself already runs at nice " + callerBefore);

        assertEquals(OptionalInt.of(7), niceOfANewThread(7));
        assertEquals(callerBefore, CompileThread.currentNice().getAsInt(), "only the compile thread is reniced");
    }

    @Test
    void zeroLeavesThePriorityAsInherited() throws Exception {
        assertEquals(CompileThread.currentNice(), niceOfANewThread(0));
    }

    @Test
    void aThreadNeverAsksToRunFasterThanItDoes() throws Exception {
        assumeTrue(CompileThread.currentNice().getAsInt() < 9);
        ExecutorService thread = Executors.newSingleThreadExecutor(CompileThread.factory(9));
        try {
            // Already at 9: asking for 4 would need privileges and is not attempted.
            assertEquals(OptionalInt.of(9), thread.submit(() -> CompileThread.lowerPriority(4)).get());
            assertEquals(OptionalInt.of(9), thread.submit(CompileThread::currentNice).get());
        } finally {
            thread.shutdown();
        }
    }
}
