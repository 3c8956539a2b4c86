-- CreateEnum
CREATE TYPE "ProtocolDocumentRole" AS ENUM ('PRIMARIO', 'ALLEGATO');

-- CreateEnum
CREATE TYPE "PecStato" AS ENUM ('INVIATO', 'ACCETTATO', 'CONSEGNATO', 'ERRORE');

-- CreateEnum
CREATE TYPE "IncidentStato" AS ENUM ('APERTO', 'RITENTATO', 'RISOLTO');

-- CreateEnum
CREATE TYPE "AccreditamentoStato" AS ENUM ('INVIATA', 'PROTOCOLLATA', 'INTEGRAZIONE_RICHIESTA', 'IN_FIRMA', 'RESPINTA', 'DECADUTA', 'ACCREDITATA');

-- AlterTable
ALTER TABLE "ProtocolRegistration" ADD COLUMN     "annullamentoMotivo" TEXT,
ADD COLUMN     "annullata" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "annullatoAt" TIMESTAMP(3),
ADD COLUMN     "annullatoDa" TEXT,
ADD COLUMN     "segnatura" TEXT;

-- CreateTable
CREATE TABLE "ProtocolDocument" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "ruolo" "ProtocolDocumentRole" NOT NULL,
    "nome" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "documentId" TEXT,

    CONSTRAINT "ProtocolDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "titolo" TEXT NOT NULL,
    "tipo" TEXT NOT NULL,
    "workflowId" TEXT,
    "enteId" TEXT,
    "protocolloId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "previousVersionId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "mittente" TEXT NOT NULL,
    "destinatario" TEXT NOT NULL,
    "oggetto" TEXT NOT NULL,
    "testo" TEXT NOT NULL,
    "stato" "PecStato" NOT NULL DEFAULT 'INVIATO',
    "errore" TEXT,
    "workflowId" TEXT,
    "enteId" TEXT,
    "sentAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PecMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecReceipt" (
    "id" TEXT NOT NULL,
    "pecMessageId" TEXT NOT NULL,
    "tipo" TEXT NOT NULL,
    "receiptMessageId" TEXT NOT NULL,
    "daticert" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "documentId" TEXT,

    CONSTRAINT "PecReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "errore" TEXT NOT NULL,
    "stato" "IncidentStato" NOT NULL DEFAULT 'APERTO',
    "enteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "nota" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccreditationRequest" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "richiedenteId" TEXT NOT NULL,
    "enteId" TEXT,
    "denominazione" TEXT NOT NULL,
    "tipo" "EnteTipo" NOT NULL,
    "codiceFiscale" TEXT NOT NULL,
    "istatComune" TEXT,
    "pec" TEXT NOT NULL,
    "sede" TEXT NOT NULL,
    "rappresentante" JSONB NOT NULL,
    "attoNominaDocumentId" TEXT,
    "stato" "AccreditamentoStato" NOT NULL DEFAULT 'INVIATA',
    "protocolloEntrataId" TEXT,
    "protocolloUscitaId" TEXT,
    "provvedimentoDocumentId" TEXT,
    "motivazione" TEXT,
    "integrazioneRichiesta" TEXT,
    "integrazioneScadenza" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccreditationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProtocolDocument_registrationId_idx" ON "ProtocolDocument"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "Document_idempotencyKey_key" ON "Document"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Document_workflowId_idx" ON "Document"("workflowId");

-- CreateIndex
CREATE INDEX "Document_enteId_idx" ON "Document"("enteId");

-- CreateIndex
CREATE INDEX "Document_sha256_idx" ON "Document"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "PecMessage_idempotencyKey_key" ON "PecMessage"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PecMessage_messageId_key" ON "PecMessage"("messageId");

-- CreateIndex
CREATE INDEX "PecMessage_workflowId_idx" ON "PecMessage"("workflowId");

-- CreateIndex
CREATE INDEX "PecMessage_enteId_idx" ON "PecMessage"("enteId");

-- CreateIndex
CREATE UNIQUE INDEX "PecReceipt_receiptMessageId_key" ON "PecReceipt"("receiptMessageId");

-- CreateIndex
CREATE INDEX "PecReceipt_pecMessageId_idx" ON "PecReceipt"("pecMessageId");

-- CreateIndex
CREATE INDEX "Incident_stato_idx" ON "Incident"("stato");

-- CreateIndex
CREATE INDEX "Incident_workflowId_idx" ON "Incident"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "AccreditationRequest_workflowId_key" ON "AccreditationRequest"("workflowId");

-- CreateIndex
CREATE INDEX "AccreditationRequest_codiceFiscale_idx" ON "AccreditationRequest"("codiceFiscale");

-- CreateIndex
CREATE INDEX "AccreditationRequest_stato_idx" ON "AccreditationRequest"("stato");

-- AddForeignKey
ALTER TABLE "ProtocolDocument" ADD CONSTRAINT "ProtocolDocument_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "ProtocolRegistration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecReceipt" ADD CONSTRAINT "PecReceipt_pecMessageId_fkey" FOREIGN KEY ("pecMessageId") REFERENCES "PecMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
