"""Operations: one portable archive of the database and the media (`hamafza backup`), restoring it
(`hamafza restore`) and moving an embedded installation to PostgreSQL (`hamafza move-to-postgres`).

One engine serves the three: `tables` reads every table of a migration state as canonical rows
(the same bytes on SQLite and PostgreSQL, hence the same SHA-256), `archive` writes and checks the
tar, `backup`/`restore` put them together, `move` is a backup restored into another database.
"""
