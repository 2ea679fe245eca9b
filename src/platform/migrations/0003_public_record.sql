-- The public record: what the platform publishes as settled (decisions, tallies,
-- sign-offs), each entry chained to the previous one by a BLAKE2b hash over public
-- fields only, so anyone holding a copy can recompute the chain.
CREATE TABLE public_record (
  id {{PK}},
  seq BIGINT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE public_record_head (
  id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO public_record_head (id, seq, hash) VALUES (1, 0, '');
