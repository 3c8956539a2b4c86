-- Ambiti territoriali: a Comune capofila acts for its member Comuni where a procedure says so.

-- CreateTable
CREATE TABLE "Ambito" (
    "id" TEXT NOT NULL,
    "codice" TEXT NOT NULL,
    "denominazione" TEXT NOT NULL,
    "capofilaEnteId" TEXT NOT NULL,

    CONSTRAINT "Ambito_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmbitoComune" (
    "ambitoId" TEXT NOT NULL,
    "enteId" TEXT NOT NULL,

    CONSTRAINT "AmbitoComune_pkey" PRIMARY KEY ("ambitoId","enteId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ambito_codice_key" ON "Ambito"("codice");

-- CreateIndex
CREATE UNIQUE INDEX "AmbitoComune_enteId_key" ON "AmbitoComune"("enteId");

-- AddForeignKey
ALTER TABLE "Ambito" ADD CONSTRAINT "Ambito_capofilaEnteId_fkey" FOREIGN KEY ("capofilaEnteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmbitoComune" ADD CONSTRAINT "AmbitoComune_ambitoId_fkey" FOREIGN KEY ("ambitoId") REFERENCES "Ambito"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmbitoComune" ADD CONSTRAINT "AmbitoComune_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
