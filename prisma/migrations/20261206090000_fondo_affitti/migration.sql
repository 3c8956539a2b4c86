-- Bando Fondo Affitti (L. 431/1998 art. 11) and Morosità incolpevole: the call, its funding sources, each
-- Comune's application with its list of eligible tenants; and, on the Comuni, the reference data the
-- calls read (ATA, population).

-- CreateEnum
CREATE TYPE "TipoBando" AS ENUM ('FONDO_AFFITTI', 'MOROSITA_INCOLPEVOLE');
CREATE TYPE "BandoStato" AS ENUM ('BOZZA', 'IN_FIRMA', 'APERTO', 'ISTRUTTORIA', 'RIPARTO', 'RIPARTITO');
CREATE TYPE "QuotaFondo" AS ENUM ('ORDINARIA', 'PREMIALE');
CREATE TYPE "DomandaStato" AS ENUM ('DA_PRESENTARE', 'PRESENTATA', 'INTEGRAZIONE_RICHIESTA', 'AMMESSA', 'ESCLUSA', 'DECADUTA', 'NON_PRESENTATA');

-- AlterTable
ALTER TABLE "Ente" ADD COLUMN "ata" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "abitanti" INTEGER;

-- CreateTable
CREATE TABLE "BandoFondo" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "tipo" "TipoBando" NOT NULL,
    "anno" INTEGER NOT NULL,
    "titolo" TEXT NOT NULL,
    "apertura" TIMESTAMP(3) NOT NULL,
    "scadenza" TIMESTAMP(3) NOT NULL,
    "parametri" JSONB NOT NULL,
    "sollecitiGiorni" INTEGER[] NOT NULL,
    "stato" "BandoStato" NOT NULL DEFAULT 'BOZZA',
    "notaRinvio" TEXT,
    "attoDocumentId" TEXT,
    "protocolloId" TEXT,
    "ripartoDocumentId" TEXT,
    "ripartoProtocolloId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BandoFondo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FonteFondo" (
    "id" TEXT NOT NULL,
    "bandoId" TEXT NOT NULL,
    "riferimento" TEXT NOT NULL,
    "importo" DECIMAL(14,2) NOT NULL,
    "quota" "QuotaFondo" NOT NULL,

    CONSTRAINT "FonteFondo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomandaFondo" (
    "id" TEXT NOT NULL,
    "bandoId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "stato" "DomandaStato" NOT NULL DEFAULT 'DA_PRESENTARE',
    "ricevuteA" INTEGER,
    "ammissibiliA" INTEGER,
    "esclusiA" INTEGER,
    "fabbisognoA" DECIMAL(14,2),
    "ricevuteB" INTEGER,
    "ammissibiliB" INTEGER,
    "esclusiB" INTEGER,
    "fabbisognoB" DECIMAL(14,2),
    "cofinanziamento" DECIMAL(14,2),
    "attoCofinanziamento" TEXT,
    "bandoComunaleDocumentId" TEXT,
    "graduatoriaDocumentId" TEXT,
    "beneficiariDocumentId" TEXT,
    "presentataAt" TIMESTAMP(3),
    "presentataDaId" TEXT,
    "protocolloId" TEXT,
    "ricevutaDocumentId" TEXT,
    "motivazione" TEXT,
    "integrazioneRichiesta" TEXT,
    "integrazioneScadenza" TIMESTAMP(3),
    "quotaOrdinaria" DECIMAL(14,2),
    "quotaPremiale" DECIMAL(14,2),
    "penalita" DECIMAL(14,2),
    "redistribuzione" DECIMAL(14,2),
    "quotaTotale" DECIMAL(14,2),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomandaFondo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BeneficiarioFondo" (
    "id" TEXT NOT NULL,
    "domandaId" TEXT NOT NULL,
    "codiceFiscale" TEXT NOT NULL,
    "fascia" TEXT NOT NULL,
    "isee" DECIMAL(14,2) NOT NULL,
    "canoneAnnuo" DECIMAL(14,2) NOT NULL,
    "contributo" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "BeneficiarioFondo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BandoFondo_workflowId_key" ON "BandoFondo"("workflowId");
CREATE UNIQUE INDEX "BandoFondo_tipo_anno_key" ON "BandoFondo"("tipo", "anno");
CREATE INDEX "FonteFondo_bandoId_idx" ON "FonteFondo"("bandoId");
CREATE UNIQUE INDEX "DomandaFondo_workflowId_key" ON "DomandaFondo"("workflowId");
CREATE UNIQUE INDEX "DomandaFondo_bandoId_enteId_key" ON "DomandaFondo"("bandoId", "enteId");
CREATE INDEX "DomandaFondo_enteId_idx" ON "DomandaFondo"("enteId");
CREATE UNIQUE INDEX "BeneficiarioFondo_domandaId_codiceFiscale_key" ON "BeneficiarioFondo"("domandaId", "codiceFiscale");
CREATE INDEX "BeneficiarioFondo_codiceFiscale_idx" ON "BeneficiarioFondo"("codiceFiscale");

-- AddForeignKey
ALTER TABLE "FonteFondo" ADD CONSTRAINT "FonteFondo_bandoId_fkey" FOREIGN KEY ("bandoId") REFERENCES "BandoFondo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DomandaFondo" ADD CONSTRAINT "DomandaFondo_bandoId_fkey" FOREIGN KEY ("bandoId") REFERENCES "BandoFondo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DomandaFondo" ADD CONSTRAINT "DomandaFondo_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BeneficiarioFondo" ADD CONSTRAINT "BeneficiarioFondo_domandaId_fkey" FOREIGN KEY ("domandaId") REFERENCES "DomandaFondo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The provincial capitals are the ATA Comuni until the Region's administrator says otherwise (the seed
-- sets the same on a new database; the population comes from the seed's ISTAT data at the next start).
UPDATE "Ente" SET "ata" = true WHERE "codice" IN ('072006', '071024', '073027', '074001', '075035', '110001', '110002', '110009');
