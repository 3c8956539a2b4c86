-- Saved named inbox views, one person's own.
CREATE TABLE "SavedTaskView" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "nome" TEXT NOT NULL,
  "query" JSONB NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SavedTaskView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SavedTaskView_userId_nome_key" ON "SavedTaskView"("userId", "nome");
ALTER TABLE "SavedTaskView" ADD CONSTRAINT "SavedTaskView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
