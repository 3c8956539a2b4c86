/** The inbox filters that live in the URL next to the tab, the sort and the page. */
export type InboxFilterValues = {
  /** Words of the subject or the ente's name, or a protocol number. */
  q: string;
  procedura: string;
  ente: string;
  stato: string;
  scadenza: string;
};
