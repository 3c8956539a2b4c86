/** The filters of the procedures list, kept in the URL. */
export type ProcedureFilterValues = {
  tipo: string;
  ente: string;
  stato: string;
  esecuzione: string;
};
