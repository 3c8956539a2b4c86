-- A group's open tasks in due-date order: «Dei miei gruppi» reads a page straight from the index, and a
-- search walks only the group's tasks, not every task by due date. It extends the index it replaces.
DROP INDEX "Task_candidateEnteId_candidateRole_stato_idx";
CREATE INDEX "Task_candidateEnteId_candidateRole_stato_dueAt_id_idx" ON "Task"("candidateEnteId", "candidateRole", "stato", "dueAt", "id");
