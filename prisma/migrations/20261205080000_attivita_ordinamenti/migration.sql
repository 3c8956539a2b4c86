-- The inbox lists open tasks by due date and completed ones by completion, a page at a time: walking these
-- indexes finds a page's rows without sorting every task a group may see.
CREATE INDEX "Task_dueAt_id_idx" ON "Task"("dueAt", "id");
CREATE INDEX "Task_completedAt_id_idx" ON "Task"("completedAt" DESC, "id");
