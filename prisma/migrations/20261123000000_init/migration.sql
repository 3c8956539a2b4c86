-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "EnteTipo" AS ENUM ('REGIONE', 'COMUNE', 'ARCA', 'ALER', 'ALTRO');

-- CreateEnum
CREATE TYPE "EnteStato" AS ENUM ('ATTIVO', 'NON_ACCREDITATO', 'SOSPESO');

-- CreateEnum
CREATE TYPE "Ruolo" AS ENUM ('RAPPRESENTANTE_LEGALE', 'REFERENTE', 'ISTRUTTORE', 'DIRIGENTE', 'AMMINISTRATORE');

-- CreateEnum
CREATE TYPE "Area" AS ENUM ('PATRIMONIO', 'FONDO_AFFITTI', 'PIANI_VENDITA', 'PROGRAMMAZIONE', 'CANTIERI', 'COMUNICAZIONI');

-- CreateEnum
CREATE TYPE "TaskStato" AS ENUM ('APERTA', 'COMPLETATA', 'ANNULLATA');

-- CreateEnum
CREATE TYPE "TaskEventTipo" AS ENUM ('CREATA', 'PRESA_IN_CARICO', 'RILASCIATA', 'RIASSEGNATA', 'COMPLETATA', 'ANNULLATA');

-- CreateEnum
CREATE TYPE "ProtocolDirection" AS ENUM ('ENTRATA', 'USCITA');

-- CreateEnum
CREATE TYPE "CommunicationStato" AS ENUM ('INVIATA', 'PROTOCOLLATA', 'PRESA_IN_CARICO', 'NON_DI_COMPETENZA');

-- CreateTable
CREATE TABLE "Ente" (
    "id" TEXT NOT NULL,
    "codice" TEXT NOT NULL,
    "tipo" "EnteTipo" NOT NULL,
    "denominazione" TEXT NOT NULL,
    "codiceFiscale" TEXT,
    "istatComune" TEXT,
    "provincia" TEXT,
    "siglaProvincia" TEXT,
    "codiceCatastale" TEXT,
    "pec" TEXT,
    "stato" "EnteStato" NOT NULL DEFAULT 'NON_ACCREDITATO',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ente_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "codiceFiscale" TEXT NOT NULL,
    "nome" TEXT NOT NULL,
    "cognome" TEXT NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "ruolo" "Ruolo" NOT NULL,
    "area" "Area",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "procedura" TEXT NOT NULL,
    "titolo" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "candidateEnteId" TEXT NOT NULL,
    "candidateRole" "Ruolo" NOT NULL,
    "candidateArea" "Area",
    "assigneeId" TEXT,
    "dueAt" TIMESTAMP(3),
    "formKey" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "stato" "TaskStato" NOT NULL DEFAULT 'APERTA',
    "outcome" JSONB,
    "completedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskEvent" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "tipo" "TaskEventTipo" NOT NULL,
    "actorId" TEXT,
    "eventKey" TEXT NOT NULL,
    "details" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProtocolCounter" (
    "aoo" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastNumber" INTEGER NOT NULL,

    CONSTRAINT "ProtocolCounter_pkey" PRIMARY KEY ("aoo","register","year")
);

-- CreateTable
CREATE TABLE "ProtocolRegistration" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "aoo" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "direction" "ProtocolDirection" NOT NULL,
    "oggetto" TEXT NOT NULL,
    "corrispondente" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProtocolRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Communication" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "oggetto" TEXT NOT NULL,
    "testo" TEXT NOT NULL,
    "stato" "CommunicationStato" NOT NULL DEFAULT 'INVIATA',
    "protocolloId" TEXT,
    "esitoNote" TEXT,
    "esitoById" TEXT,
    "esitoAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Communication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "communicationId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "enteId" TEXT,
    "azione" TEXT NOT NULL,
    "oggetto" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "sid" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ente_codice_key" ON "Ente"("codice");

-- CreateIndex
CREATE UNIQUE INDEX "User_codiceFiscale_key" ON "User"("codiceFiscale");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_idx" ON "RoleAssignment"("userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_enteId_idx" ON "RoleAssignment"("enteId");

-- CreateIndex
CREATE INDEX "Task_candidateEnteId_candidateRole_stato_idx" ON "Task"("candidateEnteId", "candidateRole", "stato");

-- CreateIndex
CREATE INDEX "Task_assigneeId_stato_idx" ON "Task"("assigneeId", "stato");

-- CreateIndex
CREATE INDEX "Task_enteId_idx" ON "Task"("enteId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_workflowId_taskKey_key" ON "Task"("workflowId", "taskKey");

-- CreateIndex
CREATE UNIQUE INDEX "TaskEvent_eventKey_key" ON "TaskEvent"("eventKey");

-- CreateIndex
CREATE INDEX "TaskEvent_taskId_idx" ON "TaskEvent"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ProtocolRegistration_idempotencyKey_key" ON "ProtocolRegistration"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ProtocolRegistration_aoo_register_year_number_key" ON "ProtocolRegistration"("aoo", "register", "year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Communication_workflowId_key" ON "Communication"("workflowId");

-- CreateIndex
CREATE INDEX "Communication_enteId_idx" ON "Communication"("enteId");

-- CreateIndex
CREATE INDEX "Attachment_communicationId_idx" ON "Attachment"("communicationId");

-- CreateIndex
CREATE INDEX "AuditEvent_enteId_at_idx" ON "AuditEvent"("enteId", "at");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskEvent" ADD CONSTRAINT "TaskEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Communication" ADD CONSTRAINT "Communication_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_communicationId_fkey" FOREIGN KEY ("communicationId") REFERENCES "Communication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

