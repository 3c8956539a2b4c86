-- A ricognizione may let the Comune capofila of an ambito transmit for its member Comuni.
ALTER TABLE "Ricognizione" ADD COLUMN "perAmbito" BOOLEAN NOT NULL DEFAULT false;
