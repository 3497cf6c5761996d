-- Personas: every k-means fit over customers' standardised features, newest last. A model becomes
-- the current one when every customer has been assigned to its nearest persona (assigned_at).

create table persona_models (
    id              bigint generated always as identity primary key,
    fitted_at       timestamptz      not null,
    k               integer          not null check (k >= 2),
    -- Mean silhouette of the chosen k on the silhouette sample, and of every k tried.
    silhouette      double precision not null,
    silhouettes     jsonb            not null,
    customers_used  integer          not null check (customers_used > 0),
    -- The feature space: columns, their transforms, means, scales and weights, the categories.
    features        jsonb            not null,
    -- 'local' when names came from the centroids' traits, else the language model's name.
    named_by        text             not null,
    assigned_at     timestamptz
);

create table personas (
    id             bigint generated always as identity primary key,
    model_version  bigint           not null references persona_models (id) on delete cascade,
    ordinal        integer          not null,
    name           text             not null,
    description    text             not null,
    size           integer          not null default 0,
    -- Standardised centroid coordinates (the feature space of the model).
    centroid       jsonb            not null,
    -- Traits in customers' units against the store average, most distinctive first.
    traits         jsonb            not null,
    computed_at    timestamptz      not null,
    unique (model_version, ordinal)
);
create unique index personas_model_name_key on personas (model_version, lower(name));

-- customers.persona (V1) keeps the persona's name: the index, the query language and templates
-- read it. The id says which fit it came from.
alter table customers add column persona_id bigint references personas (id) on delete set null;
create index customers_persona_idx on customers (persona_id);
