-- Trigram indexes for the tone-insensitive search (app/utils/search.ts). Written by hand: the schema
-- does not declare extensions (see the note under `datasource` in schema.prisma).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
