-- ASP.NET Data Protection's key ring (the keys that protect the console's sign-in cookies and
-- antiforgery tokens), shared by every instance on this database so that any of them reads a
-- cookie another one wrote. Rows are the framework's own XML documents (keys and revocations),
-- only ever added; the framework decides which keys are current from their dates.
CREATE TABLE data_protection_keys (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    xml  TEXT NOT NULL
);
