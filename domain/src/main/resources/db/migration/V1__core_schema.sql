-- Oxidly core schema: the CRM's source of truth. Elasticsearch is derived from it.

create table customers (
    customer_uuid        uuid primary key,
    email                text        not null,
    first_name           text        not null,
    last_name            text,
    phone                text,
    year_of_birth        integer,
    country              char(2),
    city                 text,
    address              text,
    postal_code          text,
    time_zone            text        not null default 'UTC',
    status               text        not null default 'active',
    language             text,
    signup_date          timestamptz not null,
    email_opt_in         boolean     not null default false,
    email_consent_at     timestamptz,
    sms_opt_in           boolean     not null default false,
    sms_consent_at       timestamptz,
    push_opt_in          boolean     not null default false,
    push_consent_at      timestamptz,
    tags                 text[]      not null default '{}',
    acquisition_channel  text,
    referred_by          text,
    attributes           jsonb       not null default '{}'::jsonb,
    -- Derived metrics: recomputed from orders, reviews and analytics, never typed in.
    total_spent          numeric(14, 2) not null default 0,
    order_count          integer     not null default 0,
    first_order_at       timestamptz,
    last_order_at        timestamptz,
    average_order_value  numeric(14, 2),
    engagement_score     integer,
    sentiment_score      double precision,
    predicted_clv        numeric(14, 2),
    p_alive              double precision,
    persona              text,
    segments             text[]      not null default '{}',
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    version              integer     not null default 0,
    constraint customers_email_normalized check (email = lower(btrim(email)) and email <> ''),
    constraint customers_status_known check (status in ('active', 'inactive', 'suspended', 'banned')),
    constraint customers_year_of_birth_range check (year_of_birth is null or year_of_birth >= 1900),
    constraint customers_country_alpha2 check (country is null or country ~ '^[A-Z]{2}$'),
    constraint customers_acquisition_channel_known check (acquisition_channel is null or acquisition_channel in
        ('organic', 'paid_search', 'social', 'email', 'referral', 'affiliate', 'influencer', 'other'))
);
create unique index customers_email_key on customers (email);
create index customers_last_name_idx on customers (lower(last_name), lower(first_name));
create index customers_country_city_idx on customers (country, city);
create index customers_signup_date_idx on customers (signup_date);
create index customers_total_spent_idx on customers (total_spent);

-- Every change of consent, so the dashboard can show who agreed to what and when.
create table consent_events (
    id             bigint generated always as identity primary key,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    channel        text        not null check (channel in ('email', 'sms', 'push')),
    opted_in       boolean     not null,
    source         text        not null,
    occurred_at    timestamptz not null
);
create index consent_events_customer_idx on consent_events (customer_uuid, occurred_at);

create table products (
    sku        text primary key,
    name       text           not null,
    category   text           not null,
    price      numeric(12, 2) not null check (price >= 0),
    brand      text,
    active     boolean        not null default true,
    created_at timestamptz    not null default now(),
    updated_at timestamptz    not null default now()
);
create index products_category_idx on products (lower(category));

create table orders (
    order_id       text primary key,
    customer_uuid  uuid           not null references customers (customer_uuid) on delete cascade,
    ordered_at     timestamptz    not null,
    status         text           not null check (status in ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    total          numeric(14, 2) not null check (total >= 0),
    currency       char(3)        not null,
    referral_code  text,
    coupon_code    text,
    created_at     timestamptz    not null default now(),
    updated_at     timestamptz    not null default now()
);
create index orders_customer_idx on orders (customer_uuid, ordered_at);
create index orders_ordered_at_idx on orders (ordered_at);

create table order_items (
    order_id    text           not null references orders (order_id) on delete cascade,
    sku         text           not null references products (sku),
    quantity    integer        not null check (quantity >= 1),
    unit_price  numeric(12, 2) not null check (unit_price >= 0),
    primary key (order_id, sku)
);
create index order_items_sku_idx on order_items (sku);

create table reviews (
    review_id        text primary key,
    customer_uuid    uuid        not null references customers (customer_uuid) on delete cascade,
    sku              text        not null references products (sku),
    rating           smallint    not null check (rating between 1 and 5),
    title            text,
    body             text,
    created_at       timestamptz not null,
    sentiment_label  text check (sentiment_label in ('negative', 'neutral', 'positive')),
    sentiment_score  double precision check (sentiment_score between -1 and 1)
);
create index reviews_customer_idx on reviews (customer_uuid, created_at);
create index reviews_sku_idx on reviews (sku);

create table interactions (
    interaction_id   text primary key,
    customer_uuid    uuid        not null references customers (customer_uuid) on delete cascade,
    type             text        not null check (type in ('support_ticket', 'chat', 'call', 'email_reply', 'campaign_response', 'social_mention')),
    channel          text check (channel in ('email', 'sms', 'push', 'in_app', 'phone', 'web', 'social')),
    subject          text,
    body             text,
    status           text check (status in ('open', 'pending', 'resolved', 'closed')),
    created_at       timestamptz not null,
    sentiment_label  text check (sentiment_label in ('negative', 'neutral', 'positive')),
    sentiment_score  double precision check (sentiment_score between -1 and 1)
);
create index interactions_customer_idx on interactions (customer_uuid, created_at);
create index interactions_type_status_idx on interactions (type, status);

-- Accounts of people who sign in to the UI, and API tokens for scripts and services.
create table accounts (
    username       text primary key,
    display_name   text        not null,
    password_hash  text        not null,
    role           text        not null check (role in ('admin', 'marketer', 'analyst', 'viewer')),
    enabled        boolean     not null default true,
    created_at     timestamptz not null default now()
);

create table api_tokens (
    token_id      uuid primary key,
    name          text        not null,
    token_hash    text        not null unique,
    role          text        not null check (role in ('admin', 'marketer', 'analyst', 'viewer')),
    created_by    text        not null,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- One row per demo store generated, so a restart never loads demo data twice.
create table demo_loads (
    id          bigint generated always as identity primary key,
    seed        bigint      not null,
    customers   integer     not null,
    orders      bigint      not null,
    loaded_at   timestamptz not null
);
