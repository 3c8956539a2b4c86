-- Substitutes: a person away names a colleague with the same role to receive their tasks, from–to.
CREATE TABLE "Substitution" (
  "id" TEXT NOT NULL,
  "titolareId" TEXT NOT NULL,
  "sostitutoId" TEXT NOT NULL,
  "dal" DATE NOT NULL,
  "al" DATE NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Substitution_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Substitution_dal_al_check" CHECK ("dal" <= "al")
);
CREATE INDEX "Substitution_sostitutoId_dal_al_idx" ON "Substitution"("sostitutoId", "dal", "al");
CREATE INDEX "Substitution_titolareId_idx" ON "Substitution"("titolareId");
ALTER TABLE "Substitution" ADD CONSTRAINT "Substitution_titolareId_fkey" FOREIGN KEY ("titolareId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Substitution" ADD CONSTRAINT "Substitution_sostitutoId_fkey" FOREIGN KEY ("sostitutoId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
