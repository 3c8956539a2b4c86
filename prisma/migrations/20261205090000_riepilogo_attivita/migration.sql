-- The morning e-mail of tasks: a setting per person (on by default) and one row per person and day.
ALTER TABLE "User" ADD COLUMN "riepilogoEmail" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "TaskDigest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "giorno" DATE NOT NULL,
    "messageId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "nuove" INTEGER NOT NULL,
    "scadute" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inviatoAt" TIMESTAMP(3),

    CONSTRAINT "TaskDigest_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TaskDigest_messageId_key" ON "TaskDigest"("messageId");
CREATE UNIQUE INDEX "TaskDigest_userId_giorno_key" ON "TaskDigest"("userId", "giorno");

ALTER TABLE "TaskDigest" ADD CONSTRAINT "TaskDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
