-- Schemas and meta tables of a warehouse build (docs/DATA_MODEL.md §4, docs/WAREHOUSE.md).
CREATE SCHEMA raw;
CREATE SCHEMA core;
CREATE SCHEMA meta;
CREATE TABLE raw.files (
    file_id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, sha256 TEXT, format TEXT, table_code TEXT,
    title TEXT, stand TEXT, copyright TEXT, encoding TEXT, synthetic BOOLEAN, rows INTEGER,
    loaded_at TIMESTAMP
);
CREATE TABLE meta.build (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE meta.findings (
    severity TEXT NOT NULL, rule TEXT NOT NULL, file_name TEXT, line INTEGER, table_code TEXT,
    message TEXT NOT NULL
);
