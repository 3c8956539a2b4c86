/** A filed document: downloaded, or (`vista`) shown in the page when it is a PDF. */
export const documentoUrl = (documentId: string, modo: 'scarica' | 'vista' = 'scarica') =>
  `/api/documenti/${encodeURIComponent(documentId)}${modo === 'vista' ? '?vista=1' : ''}`;
