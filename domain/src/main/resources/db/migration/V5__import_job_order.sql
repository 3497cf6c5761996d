-- Newest job first even when jobs share a timestamp (a pinned or coarse clock): the order in
-- which they were created breaks the tie.
alter table import_jobs add column created_seq bigint generated always as identity;
drop index import_jobs_created_at_idx;
create index import_jobs_newest_idx on import_jobs (created_at desc, created_seq desc);
