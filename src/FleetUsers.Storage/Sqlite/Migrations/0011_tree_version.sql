-- Every change to a company's groups bumps its tree_version, in the change's transaction, so
-- instances can keep the tree in memory and know with one cheap read whether it is current.
ALTER TABLE companies ADD COLUMN tree_version INTEGER NOT NULL DEFAULT 0;
