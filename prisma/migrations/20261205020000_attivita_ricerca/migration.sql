-- The inbox searches a task's subject as the person types, anywhere in it and whatever the case
-- (ILIKE '%…%'): a trigram index answers that without reading every task.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Task_titolo_trgm_idx" ON "Task" USING gin ("titolo" gin_trgm_ops);

-- … or by a protocol number, with or without its year.
CREATE INDEX "ProtocolRegistration_number_year_idx" ON "ProtocolRegistration"("number", "year");

-- What a person sees includes the tasks they completed: without this index every inbox query read them all.
CREATE INDEX "Task_completedById_idx" ON "Task"("completedById");
