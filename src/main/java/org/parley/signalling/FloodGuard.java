package org.parley.signalling;

import java.util.function.LongSupplier;

/**
 * One connection's rate limit (docs/protocol.md, "Connecting"). Every frame the client sends costs
 * a command: {@link CommandBudget#BURST} at once, then {@link CommandBudget#PER_SECOND} a second.
 * A frame over the budget is refused with {@code rate_limited} — answered like any command, so the
 * promise of one reply per command holds. Refusals have a budget of their own: a client that keeps
 * sending while refused ({@link #MAX_REFUSED} refusals beyond {@link #REFUSED_PER_SECOND} a second)
 * is flooding, and its connection is closed with {@link #CLOSE_CODE}. The two budgets also bound the
 * replies a flood can queue (about 170 in its first second) far below
 * {@link SignallingSocket#MAX_QUEUED_FRAMES}, so none of them is dropped on the way out.
 *
 * <p>Threading: the connection's message handler only (one frame at a time).
 */
final class FloodGuard {

    /** What to do with one incoming frame. */
    enum Verdict {
        /** Within the budget: run the command. */
        ACCEPT,
        /** Over the budget: answer {@code rate_limited}. */
        REFUSE,
        /** Flooding: close the connection (this frame and later ones get no reply). */
        CLOSE,
        /** Already closed for flooding: frames still in flight are ignored. */
        CLOSED
    }

    /** Refused commands a client may send at once before its connection is closed. */
    static final int MAX_REFUSED = 100;
    /** Refused commands a second that never close the connection (a client a little too fast). */
    static final double REFUSED_PER_SECOND = 10;
    /** RFC 6455 §7.4.1: 1008, policy violation. */
    static final int CLOSE_CODE = 1008;
    static final String CLOSE_REASON = "rate limit exceeded";

    private final CommandBudget commands;
    private final CommandBudget refusals;
    private boolean closed;

    FloodGuard() {
        this(System::nanoTime);
    }

    FloodGuard(LongSupplier nanoTime) {
        this.commands = new CommandBudget(CommandBudget.BURST, CommandBudget.PER_SECOND, nanoTime);
        this.refusals = new CommandBudget(MAX_REFUSED, REFUSED_PER_SECOND, nanoTime);
    }

    Verdict check() {
        if (closed) {
            return Verdict.CLOSED;
        }
        if (commands.tryTake()) {
            return Verdict.ACCEPT;
        }
        if (refusals.tryTake()) {
            return Verdict.REFUSE;
        }
        closed = true;
        return Verdict.CLOSE;
    }
}
