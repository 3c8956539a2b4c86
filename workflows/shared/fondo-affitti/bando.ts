// The figures of a call of the Fondo sostegno locazioni (L. 431/1998 art. 11) that decide who may apply and
// how much a tenant may get: the two income bands of DM 7 June 1999. Every threshold is a parameter of the
// call; the defaults are those DOMAIN.md gives for Puglia. Amounts in integer euro cents, shares in
// millionths-exact decimals (0.14 is 14 %). Pure: the workflow, the API and the UI read the same rules.

export const FASCE = ['A', 'B'] as const;
export type Fascia = (typeof FASCE)[number];

/** One income band of the call. */
export interface FasciaParams {
  /** Highest ISEE admitted to the band, in cents. */
  iseeMaxCents: number;
  /** Rent must exceed this share of the income (0.14 is 14 %); the contribution brings it down to it. */
  incidenzaMinima: number;
  /** Highest yearly contribution to one tenant, in cents. */
  contributoMaxCents: number;
}

export type FasceParams = Record<Fascia, FasciaParams>;

/**
 * Band A: ISEE up to two INPS minimum pensions, rent over 14 %, at most 3.098,74 €. Band B: ISEE up to the
 * ERP sovvenzionata limit, rent over 24 %, at most 2.324,06 € (to confirm: some calls print 2.320,00 €).
 * The ISEE limits are Puglia 2019's; each call sets its year's.
 */
export const FASCE_DEFAULTS: Readonly<FasceParams> = {
  A: { iseeMaxCents: 1_319_292, incidenzaMinima: 0.14, contributoMaxCents: 309_874 },
  B: { iseeMaxCents: 1_525_000, incidenzaMinima: 0.24, contributoMaxCents: 232_406 },
};

/** The two kinds of call the office runs with this procedure. */
export const TIPI_BANDO = {
  FONDO_AFFITTI: 'Fondo sostegno locazioni',
  MOROSITA_INCOLPEVOLE: 'Morosità incolpevole',
} as const;
export type TipoBando = keyof typeof TIPI_BANDO;

/** How each kind of call names the riparto's key for its second quota and the quotas themselves. */
export const VOCI_RIPARTO: Readonly<Record<TipoBando, { chiave: string; ordinaria: string; premiale: string }>> = {
  FONDO_AFFITTI: { chiave: 'Cofinanziamento', ordinaria: 'Quota ordinaria', premiale: 'Quota premiale' },
  MOROSITA_INCOLPEVOLE: { chiave: 'Spesa rendicontata', ordinaria: 'Quota per fabbisogno', premiale: 'Quota per spesa rendicontata' },
};
