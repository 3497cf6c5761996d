-- Broadcast campaigns: definitions, their frozen audiences and persisted statistics. The run itself
-- is a Temporal workflow (campaign:{id}); sends go through the delivery log (deliveries, source
-- 'campaign:{id}', send key 'campaign:{id}:{customer}').

create table campaigns (
    campaign_id          bigint generated always as identity primary key,
    name                 text        not null check (btrim(name) <> ''),
    channel              text        not null check (channel in ('email', 'sms', 'push', 'in_app')),
    message_class        text        not null check (message_class in ('marketing', 'transactional')),
    -- MessageTemplate as JSON (subject, html, text, aiBrief); Liquid checked when scheduled.
    template             jsonb       not null,
    -- The audience: a segment key, or a customer query (JSON with "type"); one of them.
    audience_segment     text,
    audience_query       jsonb,
    -- The schedule: a start instant, or a local time on a date in each customer's time zone.
    start_at             timestamptz,
    local_date           date,
    local_time           time,
    throttle_per_minute  integer     not null check (throttle_per_minute between 1 and 100000),
    status               text        not null default 'draft'
        check (status in ('draft', 'scheduled', 'running', 'paused', 'cancelled', 'completed')),
    -- Why a run ended differently than planned (e.g. its segment was deleted before it started).
    note                 text,
    created_at           timestamptz not null,
    created_by           text        not null,
    updated_at           timestamptz not null,
    updated_by           text        not null,
    scheduled_at         timestamptz,
    scheduled_by         text,
    -- Workflow time at which the audience was frozen (the run started) and at which it ended.
    started_at           timestamptz,
    finished_at          timestamptz,
    -- Statistics, recomputed from deliveries and campaign_audience after every batch (idempotent).
    audience_size        integer,
    sent                 integer     not null default 0,
    failed               integer     not null default 0,
    deferred             integer     not null default 0,
    -- Suppressions by reason, e.g. {"no_email_consent": 12, "banned": 1}.
    suppressed           jsonb       not null default '{}',
    stats_updated_at     timestamptz,
    constraint campaigns_one_audience check ((audience_segment is null) <> (audience_query is null)
                                             or status = 'draft'),
    constraint campaigns_local_schedule check ((local_date is null) = (local_time is null))
);
create unique index campaigns_name_key on campaigns (lower(name));
create index campaigns_status_idx on campaigns (status, campaign_id);

-- The audience as it was when the run started: resumes, retries and continue-as-new page through
-- the same customers in customer_uuid order whatever happens to segments meanwhile. The time zone
-- is frozen too, so local-time groups do not move under a running campaign.
create table campaign_audience (
    campaign_id     bigint      not null references campaigns (campaign_id) on delete cascade,
    customer_uuid   uuid        not null,
    time_zone       text        not null,
    -- Quiet hours deferred this customer's message until then; null once settled.
    deferred_until  timestamptz,
    deferrals       integer     not null default 0,
    -- Deferred too often: given up, counted as suppressed 'deferred_too_often'.
    gave_up         boolean     not null default false,
    primary key (campaign_id, customer_uuid)
);
create index campaign_audience_deferred_idx on campaign_audience (campaign_id, deferred_until)
    where deferred_until is not null;

-- Statistics count a campaign's deliveries by status and reason after every batch.
create index deliveries_source_idx on deliveries (source, status, reason);
