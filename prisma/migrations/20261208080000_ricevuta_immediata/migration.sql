-- Decisions received at once ("receipt first"): the first submission of a task, or its closing at the
-- deadline, whichever came first; the workflow hears the submission by Signal.

-- CreateEnum
CREATE TYPE "TaskSubmissionEsito" AS ENUM ('PRESENTATA', 'CHIUSA');

-- CreateTable
CREATE TABLE "TaskSubmission" (
    "taskId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "esito" "TaskSubmissionEsito" NOT NULL,
    "submissionId" TEXT,
    "actor" JSONB,
    "decision" JSONB,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskSubmission_pkey" PRIMARY KEY ("taskId")
);

-- CreateIndex
CREATE INDEX "TaskSubmission_esito_receivedAt_idx" ON "TaskSubmission"("esito", "receivedAt");
