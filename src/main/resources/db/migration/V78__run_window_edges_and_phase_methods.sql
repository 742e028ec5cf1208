-- A run's energy window as it was measured, so anyone can recompute it from the power trace or another source:
-- its edges on the wall clock (epoch nanoseconds, converted from the one monotonic clock the app measures with)
-- and its length on that monotonic clock. Null for runs stored before, and where no window was opened.
alter table run add column window_start_epoch_ns bigint;
alter table run add column window_end_epoch_ns bigint;
alter table run add column window_monotonic_ns bigint;
-- How each phase's energy was obtained (ENERGY_COUNTER, TRAPEZOID, NONE), not only the total's.
alter table run add column thinking_method varchar(20);
alter table run add column answer_method varchar(20);
alter table run add column load_method varchar(20);
alter table run add column baseline_method varchar(20);
-- Whether the idle baseline was taken on a settled GPU (power within the band for the hold time); null: unknown.
alter table run add column baseline_settled boolean;
