-- Euro amounts are numeric(14,2), never floating point: a rent of 1234.57 stays 1234.57. Existing values
-- were written from decimals with at most two digits, so rounding to the cent gives them back exactly.
ALTER TABLE "HousingUnit" ALTER COLUMN "canoneMensile" TYPE NUMERIC(14,2) USING round("canoneMensile"::numeric, 2);
