/** The inbox filters that live in the URL next to the tab, the sort and the page. */
export type InboxFilterValues = {
  procedura: string;
  ente: string;
  stato: string;
  scadenza: string;
};
