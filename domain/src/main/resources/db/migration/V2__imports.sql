-- Durable CSV imports: a job, its file split into chunks that are applied one by one (each in its
-- own transaction, so a crashed worker can re-run any of them), and the rows it rejected.

create table import_jobs (
    job_id       uuid primary key,
    kind         text        not null check (kind in
        ('customers', 'products', 'orders', 'order-items', 'reviews', 'interactions')),
    status       text        not null check (status in
        ('staged', 'running', 'completed', 'failed', 'rejected')),
    file_name    text,
    created_by   text,
    -- The header as it was written in the file (null when the file could not be read at all).
    columns      text[],
    total_rows   bigint      not null default 0,
    chunk_count  integer     not null default 0,
    -- Why the file was rejected or the job failed.
    message      text,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz
);
create index import_jobs_created_at_idx on import_jobs (created_at desc);

create table import_chunks (
    job_id        uuid        not null references import_jobs (job_id) on delete cascade,
    chunk_number  integer     not null check (chunk_number >= 0),
    -- Spreadsheet row number of the chunk's first record (the header is row 1).
    first_row     bigint      not null,
    row_count     integer     not null,
    -- The chunk as a CSV document of its own, header line included; cleared once the job
    -- completes, because the rejections keep every row that still needs attention.
    csv           text,
    applied_at    timestamptz,
    inserted      integer,
    updated       integer,
    unchanged     integer,
    rejected      integer,
    skipped       integer,
    primary key (job_id, chunk_number),
    constraint import_chunks_counts_when_applied check (
        (applied_at is null) = (inserted is null)
        and (applied_at is null) = (updated is null)
        and (applied_at is null) = (unchanged is null)
        and (applied_at is null) = (rejected is null)
        and (applied_at is null) = (skipped is null))
);

-- One row per bad value; the key makes a re-applied chunk unable to report a problem twice.
create table import_rejections (
    job_id       uuid   not null references import_jobs (job_id) on delete cascade,
    row_number   bigint not null,
    column_name  text   not null,
    reason       text   not null,
    -- The row's original cells, in the order of import_jobs.columns.
    raw          text[] not null,
    primary key (job_id, row_number, column_name)
);
