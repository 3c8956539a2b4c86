/** The limits on attachments and acts, checked in the browser before anything is sent. */
export const MAX_ALLEGATI = 5;
const MAX_ALLEGATO_BYTES = 10 * 1024 * 1024;

const EXTENSIONS = [
  'pdf', 'p7m', 'xml',
  'jpg', 'jpeg', 'png', 'gif', 'tif', 'tiff', 'bmp', 'webp',
  'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf',
];

/** For the file picker's `accept` attribute. */
export const ACCEPT_ALLEGATI = EXTENSIONS.map((extension) => `.${extension}`).join(',');

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** A Vuetify rule: true when the selection is acceptable, otherwise the Italian message. */
export function validateAllegati(files: File[]): true | string {
  if (files.length > MAX_ALLEGATI) return `Puoi allegare al massimo ${MAX_ALLEGATI} file.`;
  const wrongType = files.find((file) => !EXTENSIONS.includes(extensionOf(file.name)));
  if (wrongType) {
    return `"${wrongType.name}": tipo di file non ammesso (sono accettati PDF, P7M, XML, immagini e documenti d’ufficio).`;
  }
  const tooLarge = files.find((file) => file.size > MAX_ALLEGATO_BYTES);
  if (tooLarge) return `"${tooLarge.name}" supera la dimensione massima di 10 MB.`;
  return true;
}

/** A single-file picker's value: Vuetify gives a File, or a list of one. */
export const singleFile = (value: File[] | File | null | undefined): File | null =>
  Array.isArray(value) ? (value[0] ?? null) : (value ?? null);

/** A Vuetify rule for an act that must be a PDF of 10 MB at most (`required`: it cannot be left out). */
export function validatePdf(file: File | null, required: boolean): true | string {
  if (!file) return required ? 'Allega l’atto in PDF.' : true;
  if (extensionOf(file.name) !== 'pdf') return `"${file.name}" non è un PDF.`;
  if (file.size > MAX_ALLEGATO_BYTES) return `"${file.name}" supera la dimensione massima di 10 MB.`;
  return true;
}
