-- Central message delivery: the delivery log (exactly-once sends and the reasons of suppressions),
-- in-app messages, what the built-in local SMS/push providers received, and cached AI variants.

-- One row per intended message (send_key = source, step, customer, iteration). A send is claimed
-- (row in status claimed, rendered content stored) before it goes to the provider and confirmed
-- (sent, provider message id) after; a claimed row found by a retry means the worker died while
-- talking to the provider, so that one message is sent again. Deferrals (quiet hours) leave no
-- row: the caller asks again with the same key.
create table deliveries (
    id                   bigint generated always as identity primary key,
    send_key             text        not null unique,
    source               text        not null,
    step_id              text,
    customer_uuid        uuid        not null references customers (customer_uuid) on delete cascade,
    channel              text        not null check (channel in ('email', 'sms', 'push', 'in_app')),
    message_class        text        not null check (message_class in ('marketing', 'transactional')),
    status               text        not null check (status in ('claimed', 'sent', 'suppressed', 'failed')),
    reason               text,
    -- Workflow time of the decision: frequency-cap windows count by it, never by the wall clock.
    decided_at           timestamptz not null,
    claimed_at           timestamptz not null default clock_timestamp(),
    attempts             integer     not null default 0,
    sent_at              timestamptz,
    provider_message_id  text,
    -- What was (or would have been) sent: the address or number used and the rendered parts.
    recipient            text,
    subject              text,
    body_html            text,
    body_text            text,
    ai_variant           boolean     not null default false
);
create index deliveries_customer_idx on deliveries (customer_uuid, decided_at);
-- Frequency caps count a customer's marketing sends per channel in a window.
create index deliveries_cap_idx on deliveries (customer_uuid, channel, decided_at)
    where message_class = 'marketing' and status in ('claimed', 'sent');
create index deliveries_sent_idx on deliveries (sent_at desc) where status = 'sent';

-- Secrets shared by every node (signing tracking and unsubscribe links), made once here so that
-- links stay valid across restarts and nodes without configuration.
create table delivery_settings (
    name   text primary key,
    value  text not null
);
insert into delivery_settings (name, value)
values ('link_secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

create table in_app_messages (
    id             bigint generated always as identity primary key,
    send_key       text        not null unique,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    title          text,
    html           text,
    body           text,
    created_at     timestamptz not null,
    read_at        timestamptz
);
create index in_app_messages_customer_idx on in_app_messages (customer_uuid, created_at desc);

-- Messages the built-in SMS (Twilio-compatible) and push (FCM v1-compatible) providers received
-- in local mode: the Dev Outbox shows them as a phone would.
create table local_provider_messages (
    id             bigint generated always as identity primary key,
    provider       text        not null check (provider in ('sms', 'push')),
    message_id     text        not null unique,
    recipient      text        not null,
    customer_uuid  uuid references customers (customer_uuid) on delete set null,
    title          text,
    body           text        not null,
    payload        text        not null,
    received_at    timestamptz not null default clock_timestamp()
);
create index local_provider_messages_received_idx on local_provider_messages (received_at desc);

-- A language model's personalised variant per send key: a retried send shows the same words.
create table delivery_ai_variants (
    send_key    text primary key,
    model       text        not null,
    subject     text,
    html        text,
    body_text   text,
    created_at  timestamptz not null default clock_timestamp()
);
