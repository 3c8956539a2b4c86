// Renders the procedures' messages from templates/messages: the first line is "Oggetto: …", a blank line,
// then the text. Plain text (no HTML escaping) and strict: a value the template names but the workflow did
// not give throws, instead of sending a PEC with a blank where a name should be.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Message } from '../../workflows/shared/messages';
import { formatDate, formatEuro, formatTime } from '../pdf/helpers';
import { DEFAULT_TEMPLATES_DIR } from '../pdf/templates';

export interface RenderedMessage {
  oggetto: string;
  testo: string;
}

const SUBJECT = /^Oggetto: (.+)\n\n/;

export function createMessageRenderer(templatesDir: string = DEFAULT_TEMPLATES_DIR) {
  const dir = path.join(templatesDir, 'messages');
  const handlebars = Handlebars.create();
  handlebars.registerHelper({ formatDate, formatTime, formatEuro });
  const templates = new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.hbs'))
      .map((file) => [path.basename(file, '.hbs'), handlebars.compile(readFileSync(path.join(dir, file), 'utf8'), { strict: true, noEscape: true })] as const),
  );
  return {
    names: [...templates.keys()].sort(),
    render(message: Message): RenderedMessage {
      const template = templates.get(message.modello);
      if (!template) throw new Error(`modello di messaggio sconosciuto: ${message.modello}`);
      const rendered = template(message.valori);
      const subject = SUBJECT.exec(rendered);
      if (!subject) throw new Error(`il modello ${message.modello} non comincia con «Oggetto: …» e una riga vuota`);
      return { oggetto: subject[1]!.trim(), testo: rendered.slice(subject[0].length).trim() };
    },
  };
}

export type MessageRenderer = ReturnType<typeof createMessageRenderer>;
