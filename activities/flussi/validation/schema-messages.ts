// xmllint's schema errors in Italian for the ente's referente, keeping libxml2's own words (without the
// namespace) as the technical detail, so a developer can still search for them. The patterns are
// libxml2's messages (xmlschemas.c); one they do not know still gets a clear, if generic, sentence.

export interface SchemaMessage {
  /** The element or attribute concerned: `Superficie`, `Catasto/@foglio`. */
  campo: string | null;
  messaggio: string;
}

/** `{urn:…}Name`: a namespace in braces; `{'A', 'B'}` (an enumeration's set) has quotes and is kept. */
const NAMESPACE = /\{[^}']*\}/g;

const TYPE_NAMES: Record<string, string> = {
  'xs:decimal': 'un numero decimale con il punto (es. 75.5)',
  'xs:integer': 'un numero intero',
  'xs:int': 'un numero intero',
  'xs:positiveInteger': 'un numero intero maggiore di zero',
  'xs:nonNegativeInteger': 'un numero intero non negativo',
  'xs:date': 'una data esistente nel formato AAAA-MM-GG',
  'xs:dateTime': 'una data e ora nel formato AAAA-MM-GGThh:mm:ss',
  'xs:gYear': 'un anno nel formato AAAA',
  'xs:string': 'un testo',
  // The named types of docs/flusso/flusso-patrimoniale.xsd; a type not listed is named as it is.
  SuperficieType: 'un numero maggiore di zero, con il punto e al massimo 2 decimali (es. 75.5)',
  VaniType: 'un numero maggiore di zero, con il punto e al massimo 1 decimale (es. 4.5)',
  CanoneType: 'un importo in euro, con il punto e al massimo 2 decimali (es. 120.50)',
  DataType: 'una data esistente nel formato AAAA-MM-GG (es. 2025-12-31)',
  AnnoType: 'un anno di quattro cifre (es. 1975)',
  PianiType: 'un numero intero da 1 a 60',
  LatitudineType: 'un numero di gradi decimali con il punto (es. 41.1177)',
  LongitudineType: 'un numero di gradi decimali con il punto (es. 16.8719)',
};

/** `( {ns}A, {ns}B )` → `<A> o <B>`. */
function elements(list: string): string {
  const names = list.split(',').map((name) => `<${name.trim()}>`);
  return names.length === 1 ? (names[0] as string) : `uno tra ${names.join(', ')}`;
}

/** The element or attribute, as subject (`<Vani>`, `l'attributo foglio di <Catasto>`) and after "di" / "in". */
interface Target { it: string; di: string; in: string }

type Translator = (match: RegExpExecArray, t: Target) => string;

const TRANSLATIONS: [RegExp, Translator][] = [
  [/^This element is not expected\. Expected is (?:one of )?\( (.+) \)\.$/, (m, t) => `${t.it} non è previsto in questa posizione: qui è atteso ${elements(m[1] as string)}. Controlla l'ordine e i nomi degli elementi.`],
  [/^This element is not expected\.$/, (_m, t) => `${t.it} non è previsto in questa posizione: toglilo o spostalo dove lo schema lo prevede.`],
  [/^Missing child element\(s\)\. Expected is (?:one of )?\( (.+) \)\.$/, (m, t) => `${t.in} manca ${elements(m[1] as string)}, obbligatorio: aggiungilo.`],
  [/^'(.*)' is not a valid value of the (?:local )?(?:atomic|list|union) type(?: '(.+)')?\.$/s, (m, t) => `il valore «${m[1]}» ${t.di} non è valido${m[2] ? `: deve essere ${TYPE_NAMES[m[2]] ?? `del tipo ${m[2]}`}` : ''}. Correggilo.`],
  [/^\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$/s, (m, t) => `il valore «${m[1]}» ${t.di} non è tra quelli ammessi: ${(m[2] as string).replace(/'/g, '')}.`],
  [/^\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$/s, (m, t) => `il valore «${m[1]}» ${t.di} non ha il formato richiesto (${m[2]}). Correggilo.`],
  [/^\[facet 'minInclusive'\] The value '(.*)' is less than the minimum value allowed \('(.*)'\)\.$/, (m, t) => `il valore ${m[1]} ${t.di} è inferiore al minimo ammesso (${m[2]}).`],
  [/^\[facet 'maxInclusive'\] The value '(.*)' is greater than the maximum value allowed \('(.*)'\)\.$/, (m, t) => `il valore ${m[1]} ${t.di} supera il massimo ammesso (${m[2]}).`],
  [/^\[facet 'minExclusive'\] The value '(.*)' must be greater than '(.*)'\.$/, (m, t) => `il valore ${m[1]} ${t.di} deve essere maggiore di ${m[2]}.`],
  [/^\[facet 'maxExclusive'\] The value '(.*)' must be less than '(.*)'\.$/, (m, t) => `il valore ${m[1]} ${t.di} deve essere minore di ${m[2]}.`],
  [/^\[facet 'fractionDigits'\] The value '(.*)' has more fractional digits than are allowed \('(.*)'\)\.$/, (m, t) => `il valore ${m[1]} ${t.di} ha più di ${m[2]} cifre decimali.`],
  [/^\[facet 'totalDigits'\] The value '(.*)' has more digits than are allowed \('(.*)'\)\.$/, (m, t) => `il valore ${m[1]} ${t.di} ha più di ${m[2]} cifre.`],
  [/^\[facet 'minLength'\] The value (?:'.*' )?has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.$/s, (m, t) => `${t.it} è troppo corto (${m[1]} caratteri, almeno ${m[2]})${m[1] === '0' ? ': non può essere vuoto' : ''}.`],
  [/^\[facet 'maxLength'\] The value (?:'.*' )?has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.$/s, (m, t) => `${t.it} è troppo lungo (${m[1]} caratteri, al massimo ${m[2]}).`],
  [/^\[facet 'length'\] The value (?:'.*' )?has a length of '(\d+)'; this differs from the allowed length of '(\d+)'\.$/s, (m, t) => `${t.it} deve avere esattamente ${m[2]} caratteri (ne ha ${m[1]}).`],
  [/^The attribute '(.+)' is required but missing\.$/, (m, t) => `${t.in} manca l'attributo obbligatorio ${m[1]}: aggiungilo.`],
  [/^The attribute '(.+)' is not allowed\.$/, (_m, t) => `${t.it} non è previsto: toglilo.`],
  [/^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/, (_m, t) => `${t.it} contiene del testo fuori dai suoi elementi: toglilo.`],
  [/^Element content is not allowed, because the content type is a simple type definition\.$/, (_m, t) => `${t.it} deve contenere solo un valore, non altri elementi.`],
  [/^Duplicate key-sequence \[(.*)\] in (?:unique|key) identity-constraint '(.*)'\.$/, (m, t) => `${t.it}: il valore ${m[1]} è ripetuto, ma deve essere unico nel flusso.`],
  [/^No match found for key-sequence \[(.*)\] of keyref '(.*)'\.$/, (m, t) => `${t.it}: il valore ${m[1]} non corrisponde a nessun elemento del flusso a cui dovrebbe riferirsi.`],
];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `Element '{ns}Catasto', attribute 'foglio': [facet …] …` → campo `Catasto/@foglio` and an Italian sentence. */
export function translateSchemaError(detail: string): SchemaMessage {
  const plain = detail.replace(NAMESPACE, '').trim();
  const located = /^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$/s.exec(plain);
  if (!located) return { campo: null, messaggio: `Il flusso non rispetta lo schema XSD (dettaglio tecnico: ${plain}).` };
  const [, element, attribute, rest] = located as unknown as [string, string, string | undefined, string];
  const campo = attribute ? `${element}/@${attribute}` : element;
  const target: Target = attribute
    ? { it: `l'attributo ${attribute} di <${element}>`, di: `dell'attributo ${attribute} di <${element}>`, in: `nell'attributo ${attribute} di <${element}>` }
    : { it: `<${element}>`, di: `di <${element}>`, in: `in <${element}>` };
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(rest);
    if (match) return { campo, messaggio: `${capitalize(translate(match, target))} (dettaglio tecnico: ${plain})` };
  }
  return { campo, messaggio: `${capitalize(target.it)} non rispetta lo schema XSD (dettaglio tecnico: ${plain}).` };
}
