package dev.blau.chat.messages.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

/**
 * Inserts that arrive together leave together: a group commit. Each caller queues its document
 * and takes the writer's turn; whoever holds the turn writes everything queued in one unordered
 * {@code insertMany}, so the callers behind it find their documents written when their turn
 * comes. Alone, a document is written at once (no waiting for company); under load the store sees
 * one request per batch instead of one per message. Each document still succeeds or fails on its
 * own: a refused key is told to its caller only, and the call returns once the document is
 * stored as durably as a single insert would be.
 */
final class GroupedInserts {

    /** What happened to one document. */
    enum Outcome { INSERTED, DUPLICATE_KEY }

    /** Documents per request: one call never sends an unbounded batch. */
    static final int MAX_BATCH = 128;

    private final MongoCollection<Document> collection;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** The writer's turn (package-private: tests hold it to line senders up behind a write). */
    final ReentrantLock turn = new ReentrantLock();
    private final AtomicInteger requests = new AtomicInteger();

    GroupedInserts(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** Stores the document, or says its key is taken; any other failure is thrown, as by {@code insertOne}. */
    Outcome insert(Document document) {
        Pending mine = new Pending(document);
        queue.add(mine);
        turn.lock();
        try {
            while (!mine.done) { // a full batch ahead of it: the next one takes it
                writeQueued();
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.outcome;
    }

    /** Requests made to the store so far. */
    int requests() {
        return requests.get();
    }

    /** Documents waiting for the turn. */
    int queued() {
        return queue.size();
    }

    // called with the turn held (so any earlier batch is done, and the caller's document still
    // queued): the outcomes are written and read under the same lock
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        requests.incrementAndGet();
        write(batch);
        batch.forEach(pending -> pending.done = true);
    }

    // one document or many: the same insert command, so one way to read its answer
    private void write(List<Pending> batch) {
        try {
            collection.insertMany(batch.stream().map(p -> p.document).toList(), new InsertManyOptions().ordered(false));
            batch.forEach(pending -> pending.outcome = Outcome.INSERTED);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) { // how durable the others are is unknown: none counts as stored
                batch.forEach(pending -> pending.failure = e);
                return;
            }
            batch.forEach(pending -> pending.outcome = Outcome.INSERTED);
            for (BulkWriteError error : e.getWriteErrors()) {
                Pending refused = batch.get(error.getIndex());
                refused.outcome = null;
                if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    refused.outcome = Outcome.DUPLICATE_KEY;
                } else {
                    refused.failure = e;
                }
            }
        } catch (RuntimeException e) { // the store away: every caller learns it, as each insert would have
            batch.forEach(pending -> pending.failure = e);
        }
    }

    private static final class Pending {
        final Document document;
        Outcome outcome;
        RuntimeException failure;
        boolean done;

        Pending(Document document) {
            this.document = document;
        }
    }
}
