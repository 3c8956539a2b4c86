-- A snapshot's receipt was never written here: the transmission's receipt is the procedure's own filed
-- document (tipo RICEVUTA_PROTOCOLLO), which its page shows.
ALTER TABLE "StockSnapshot" DROP COLUMN "ricevutaDocumentId";
