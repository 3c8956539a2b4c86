-- Attachments move into the document store: new rows carry the document's id and no bytes; the rows
-- written before keep theirs until the platform's start moves them (activities/documents/move-attachments.ts).
ALTER TABLE "Attachment" ALTER COLUMN "content" DROP NOT NULL;
ALTER TABLE "Attachment" ADD COLUMN "documentId" TEXT;
CREATE INDEX "Attachment_documentId_idx" ON "Attachment"("documentId");
