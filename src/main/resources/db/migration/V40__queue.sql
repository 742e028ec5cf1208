-- The GPU queue: one entry per run, fair order computed from these rows, so nothing is lost on restart.
create table queue_entry (
    run_id      bigint       primary key,
    host_name   varchar(100) not null,
    owner       varchar(64)  not null,
    model_name  varchar(200) not null,
    state       varchar(16)  not null,
    queued_at   timestamp with time zone not null,
    started_at  timestamp with time zone,
    finished_at timestamp with time zone
);
create index ix_queue_entry_host_state on queue_entry (host_name, state, queued_at);

create table host_queue (
    host_name varchar(100) primary key,
    paused    boolean      not null,
    changed_by varchar(64),
    changed_at timestamp with time zone
);
