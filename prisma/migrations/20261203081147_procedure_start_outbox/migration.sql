-- CreateTable
CREATE TABLE "ProcedureStart" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "workflowType" TEXT NOT NULL,
    "procedura" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "taskQueue" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "requestedById" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),

    CONSTRAINT "ProcedureStart_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureStart_workflowId_key" ON "ProcedureStart"("workflowId");

-- CreateIndex
CREATE INDEX "ProcedureStart_startedAt_idx" ON "ProcedureStart"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureStart_requestedById_idempotencyKey_key" ON "ProcedureStart"("requestedById", "idempotencyKey");
