-- A search within a group («Dei miei gruppi», the counts of a search) asks for the group's tasks whose
-- subject holds the words. One index on both, the group's ente and the subject's trigrams, finds exactly
-- those rows; with one index each, a word common elsewhere but absent from the group meant reading every
-- task that holds it, or every task of the group. btree_gin lets a GIN index hold the plain column too.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX "Task_candidateEnteId_titolo_trgm_idx" ON "Task" USING gin ("candidateEnteId", "titolo" gin_trgm_ops);

-- The other half of such a search, the ente's name, found within the group too.
CREATE INDEX "Task_candidateEnteId_enteId_idx" ON "Task"("candidateEnteId", "enteId");
