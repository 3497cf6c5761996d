-- Sentiment as the language model scored it, by the SHA-256 of the text and the model (with the
-- version of Oxidly's instructions): a text is sent to a model once, whoever asks again.
create table sentiment_cache (
    text_sha256  bytea            not null,
    model        text             not null,
    label        text             not null check (label in ('negative', 'neutral', 'positive')),
    score        double precision not null check (score between -1 and 1),
    scored_at    timestamptz      not null,
    primary key (text_sha256, model)
);

-- Which text the stored sentiment of a review or interaction was computed from, so that an
-- edited text is scored again (and an unchanged one never is).
alter table reviews add column sentiment_text_sha256 bytea;
alter table interactions add column sentiment_text_sha256 bytea;
