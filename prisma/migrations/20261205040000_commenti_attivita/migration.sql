-- Comments on tasks, with their attachments' document ids.
CREATE TABLE "TaskComment" (
  "id" TEXT NOT NULL,
  "taskId" TEXT NOT NULL,
  "authorId" TEXT NOT NULL,
  "testo" TEXT NOT NULL,
  "documentIds" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "idempotencyKey" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "TaskComment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "TaskComment_idempotencyKey_key" ON "TaskComment"("idempotencyKey");
CREATE INDEX "TaskComment_taskId_idx" ON "TaskComment"("taskId");
ALTER TABLE "TaskComment" ADD CONSTRAINT "TaskComment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TaskComment" ADD CONSTRAINT "TaskComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
