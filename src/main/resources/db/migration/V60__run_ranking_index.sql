-- The leaderboard reads rankable runs (status, simulated, flagged) in id order, filtered by host and by the
-- finish date; this index serves the date range, which ix_run_board (status, simulated, flagged, model, host)
-- does not. Experiment filters (prompt set, think) go through the experiment's primary key.
create index ix_run_rank_finished on run (status, simulated, flagged, finished_at);
create index ix_experiment_prompt_set on experiment (prompt_set_id, think);
