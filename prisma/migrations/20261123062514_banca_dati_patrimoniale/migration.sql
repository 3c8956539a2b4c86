-- CreateEnum
CREATE TYPE "SnapshotTipo" AS ENUM ('FLUSSO', 'MANUALE', 'CONSISTENZA_NULLA', 'NESSUNA_VARIAZIONE');

-- CreateEnum
CREATE TYPE "UsoUnita" AS ENUM ('SAP', 'SAS', 'ALTRO');

-- CreateEnum
CREATE TYPE "StatoUnita" AS ENUM ('LOCATO', 'LIBERO', 'SFITTO_CARENZE_MANUTENTIVE', 'SFITTO_RISTRUTTURAZIONE', 'OCCUPATO_SENZA_TITOLO', 'ALIENATO', 'DEMOLITO');

-- CreateEnum
CREATE TYPE "EsitoValidazione" AS ENUM ('VALIDO', 'CON_AVVISI', 'CON_ERRORI');

-- CreateEnum
CREATE TYPE "Gravita" AS ENUM ('ERRORE', 'AVVISO');

-- CreateEnum
CREATE TYPE "RicognizioneStato" AS ENUM ('APERTA', 'CHIUSA');

-- CreateEnum
CREATE TYPE "AdempimentoStato" AS ENUM ('IN_ATTESA', 'TRASMESSO', 'CONSISTENZA_NULLA', 'NESSUNA_VARIAZIONE');

-- CreateTable
CREATE TABLE "StockSnapshot" (
    "id" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "dataRiferimento" DATE NOT NULL,
    "tipo" "SnapshotTipo" NOT NULL,
    "workflowId" TEXT,
    "protocolloId" TEXT,
    "documentId" TEXT,
    "ricevutaDocumentId" TEXT,
    "buildingsCount" INTEGER NOT NULL,
    "unitsCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "codice" TEXT NOT NULL,
    "indirizzo" TEXT NOT NULL,
    "istatComune" TEXT NOT NULL,
    "latitudine" DOUBLE PRECISION,
    "longitudine" DOUBLE PRECISION,
    "annoCostruzione" INTEGER,
    "piani" INTEGER,
    "statoConservazione" TEXT,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HousingUnit" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "codice" TEXT NOT NULL,
    "buildingCodice" TEXT NOT NULL,
    "foglio" TEXT NOT NULL,
    "particella" TEXT NOT NULL,
    "subalterno" TEXT NOT NULL,
    "categoria" TEXT NOT NULL,
    "superficie" DOUBLE PRECISION NOT NULL,
    "vani" DOUBLE PRECISION,
    "uso" "UsoUnita" NOT NULL,
    "stato" "StatoUnita" NOT NULL,
    "dataVendita" DATE,
    "canoneMensile" DOUBLE PRECISION,

    CONSTRAINT "HousingUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlussoUpload" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "dataRiferimento" DATE NOT NULL,
    "tentativo" INTEGER NOT NULL,
    "documentId" TEXT NOT NULL,
    "esito" "EsitoValidazione" NOT NULL,
    "errori" INTEGER NOT NULL,
    "avvisi" INTEGER NOT NULL,
    "unitsCount" INTEGER NOT NULL,
    "buildingsCount" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlussoUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlussoProblem" (
    "id" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "gravita" "Gravita" NOT NULL,
    "regola" TEXT NOT NULL,
    "riga" INTEGER,
    "unita" TEXT,
    "campo" TEXT,
    "messaggio" TEXT NOT NULL,

    CONSTRAINT "FlussoProblem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ricognizione" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "dataRiferimento" DATE NOT NULL,
    "scadenza" TIMESTAMP(3) NOT NULL,
    "stato" "RicognizioneStato" NOT NULL DEFAULT 'APERTA',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ricognizione_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RicognizioneEnte" (
    "id" TEXT NOT NULL,
    "ricognizioneId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "stato" "AdempimentoStato" NOT NULL DEFAULT 'IN_ATTESA',
    "snapshotId" TEXT,
    "trasmessoAt" TIMESTAMP(3),
    "solleciti" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RicognizioneEnte_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StockSnapshot_enteId_dataRiferimento_key" ON "StockSnapshot"("enteId", "dataRiferimento");

-- CreateIndex
CREATE INDEX "Building_istatComune_idx" ON "Building"("istatComune");

-- CreateIndex
CREATE UNIQUE INDEX "Building_snapshotId_codice_key" ON "Building"("snapshotId", "codice");

-- CreateIndex
CREATE INDEX "HousingUnit_snapshotId_stato_idx" ON "HousingUnit"("snapshotId", "stato");

-- CreateIndex
CREATE INDEX "HousingUnit_snapshotId_buildingCodice_idx" ON "HousingUnit"("snapshotId", "buildingCodice");

-- CreateIndex
CREATE UNIQUE INDEX "HousingUnit_snapshotId_codice_key" ON "HousingUnit"("snapshotId", "codice");

-- CreateIndex
CREATE INDEX "FlussoUpload_enteId_dataRiferimento_idx" ON "FlussoUpload"("enteId", "dataRiferimento");

-- CreateIndex
CREATE UNIQUE INDEX "FlussoUpload_workflowId_tentativo_key" ON "FlussoUpload"("workflowId", "tentativo");

-- CreateIndex
CREATE INDEX "FlussoProblem_uploadId_gravita_idx" ON "FlussoProblem"("uploadId", "gravita");

-- CreateIndex
CREATE UNIQUE INDEX "Ricognizione_workflowId_key" ON "Ricognizione"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "RicognizioneEnte_ricognizioneId_enteId_key" ON "RicognizioneEnte"("ricognizioneId", "enteId");

-- AddForeignKey
ALTER TABLE "Building" ADD CONSTRAINT "Building_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "StockSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HousingUnit" ADD CONSTRAINT "HousingUnit_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "StockSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlussoProblem" ADD CONSTRAINT "FlussoProblem_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "FlussoUpload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RicognizioneEnte" ADD CONSTRAINT "RicognizioneEnte_ricognizioneId_fkey" FOREIGN KEY ("ricognizioneId") REFERENCES "Ricognizione"("id") ON DELETE CASCADE ON UPDATE CASCADE;
