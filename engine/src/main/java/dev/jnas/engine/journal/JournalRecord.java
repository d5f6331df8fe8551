package dev.jnas.engine.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jnas.engine.trial.TrialStatus;

import java.util.List;
import java.util.Map;

/**
 * One line of {@code journal.jsonl}. {@code event} is {@code pending} (the strategy was asked and
 * proposed this trial; carries genome, key, architecture, seed), {@code running} (a worker started
 * it; informational), {@code completed} (tell order {@code trial} only: the worker's result, kept
 * until every earlier trial has been told, so that a resume does not train it again; the fields of
 * a {@code finished} line, but not a tell) or {@code finished} (the strategy was told: a terminal
 * status with metrics, per-epoch history, wall time and reason; PRUNED and DUPLICATE trials have only
 * this line and it carries the genome too).
 * {@code emptyAsks} counts the strategy asks that proposed nothing just before this pending/finished
 * line, so that a replay repeats the strategy's calls exactly. {@code elapsedMillis} is experiment
 * time across resumed sessions; {@code time} the wall clock (epoch ms).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalRecord(String event, int trial, long candidateId, String key, Map<String, Integer> genome,
                            String architecture, Long parameters, Long flops, Long seed, TrialStatus status,
                            Map<String, Double> metrics, List<Map<String, Double>> history, Long millis,
                            String reason, int emptyAsks, long elapsedMillis, long time) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FINISHED = "finished";

    public JournalRecord {
        if (!List.of(PENDING, RUNNING, COMPLETED, FINISHED).contains(event)) {
            throw new IllegalArgumentException("journal record: event must be pending, running, completed or finished, got '"
                    + event + "'");
        }
    }
}
