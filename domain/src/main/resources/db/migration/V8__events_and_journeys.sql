-- Customer events (from the API, services, segment changes and journeys) and journeys.

-- Every event is stored before anything reacts to it, in the same transaction as its effects on
-- the profile; the relay hands stored events to Temporal in id order and marks them relayed, so
-- an unreachable Temporal delays reactions but never loses them.
create table customer_events (
    id             bigint generated always as identity primary key,
    -- The sender's idempotency key (or one Oxidly made up): the same event posted twice is one.
    event_key      text        not null unique,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    type           text        not null check (type ~ '^[a-z][a-z0-9_.]{0,63}$'),
    occurred_at    timestamptz not null,
    received_at    timestamptz not null default clock_timestamp(),
    properties     jsonb       not null default '{}'::jsonb,
    -- api, service, segment, journey, system
    source         text        not null,
    relayed_at     timestamptz
);
create index customer_events_pending_idx on customer_events (id) where relayed_at is null;
create index customer_events_customer_idx on customer_events (customer_uuid, occurred_at);

-- A journey is edited as a draft and published as immutable, numbered versions.
create table journeys (
    journey_id         bigint generated always as identity primary key,
    name               text        not null,
    draft              jsonb       not null,
    draft_updated_at   timestamptz not null,
    draft_updated_by   text        not null,
    published_version  integer,
    -- active: new customers may enter; paused: no new entries; archived: gone from lists
    status             text        not null default 'draft'
        check (status in ('draft', 'active', 'paused', 'archived')),
    created_at         timestamptz not null default now()
);
create unique index journeys_name_key on journeys (lower(name));

create table journey_versions (
    journey_id    bigint      not null references journeys (journey_id),
    version       integer     not null check (version >= 1),
    definition    jsonb       not null,
    published_at  timestamptz not null,
    published_by  text        not null,
    primary key (journey_id, version)
);

-- Oxidly's own index of journey runs: where each customer is and why (the Temporal test server
-- has no visibility queries, and the dashboard must not ask Temporal for every customer).
create table journey_runs (
    run_id         text        primary key,   -- the Temporal run id: admission is idempotent
    workflow_id    text        not null,
    journey_id     bigint      not null references journeys (journey_id),
    version        integer     not null,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    entry          integer     not null check (entry >= 1),
    status         text        not null check (status in ('active', 'completed', 'exited')),
    current_step   text,
    entered_at     timestamptz not null,
    ended_at       timestamptz,
    end_reason     text,
    unique (journey_id, customer_uuid, entry)
);
create index journey_runs_customer_idx on journey_runs (customer_uuid, entered_at);
create index journey_runs_active_idx on journey_runs (customer_uuid) where status = 'active';
create index journey_runs_journey_idx on journey_runs (journey_id, version, status);

-- Each step a run took, with its outcome ("waited 1h", "branch: yes", "sent", "suppressed:
-- no_sms_consent"). seq is the run's own counter, so a retried record is not doubled.
create table journey_steps (
    run_id       text        not null references journey_runs (run_id) on delete cascade,
    seq          integer     not null,
    step_id      text        not null,
    step_type    text        not null,
    outcome      text        not null,
    detail       text,
    occurred_at  timestamptz not null,
    primary key (run_id, seq)
);
create index journey_steps_step_idx on journey_steps (step_id);

-- Conversions (goal events) per run, with revenue, for A/B and holdout results.
create table journey_conversions (
    run_id        text           not null references journey_runs (run_id) on delete cascade,
    goal          text           not null,
    event_key     text           not null,
    revenue       numeric(14, 2) not null default 0,
    split_path    text,
    converted_at  timestamptz    not null,
    primary key (run_id, goal)
);
