-- An incident of a PEC that could not be delivered records the address, so the administrator can
-- correct it before retrying.
ALTER TABLE "Incident" ADD COLUMN "pec" TEXT;
